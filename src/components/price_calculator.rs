//! The TLD price calculator: the seven TLDs' prices, and for the typed name the per-year
//! price, the years, the total and the expiry it gives, all in integer cents.

use crate::logic::registration::Quote;
use leptos::prelude::*;
use vps_contract::{INCLUDED_FEATURES, TLD_PRICES};

/// The price list, with the row of the typed name's TLD marked.
#[component]
pub fn PriceTable(#[prop(into)] selected_tld: Signal<Option<String>>) -> impl IntoView {
    view! {
        <table class="price-table">
            <caption>"Prices per year (USD)"</caption>
            <thead>
                <tr>
                    <th scope="col">"TLD"</th>
                    <th scope="col" class="num">"Register"</th>
                    <th scope="col" class="num">"Renew"</th>
                    <th scope="col" class="num">"Transfer"</th>
                </tr>
            </thead>
            <tbody>
                {TLD_PRICES
                    .iter()
                    .map(|row| {
                        let is_selected = Memo::new(move |_| selected_tld.with(|tld| tld.as_deref() == Some(row.tld)));
                        view! {
                            <tr class:selected=is_selected aria-current=move || is_selected.get().then_some("true")>
                                <th scope="row">{format!(".{}", row.tld)}</th>
                                <td class="num">{row.register.to_string()}</td>
                                <td class="num">{row.renew.to_string()}</td>
                                <td class="num">{row.transfer.to_string()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Price × years = total, and the expiry date, for the current quote.
#[component]
pub fn QuoteSummary(#[prop(into)] quote: Signal<Option<Quote>>) -> impl IntoView {
    view! {
        <div class="quote" aria-live="polite">
            {move || match quote.get() {
                None => {
                    view! {
                        <p class="quote__empty">"Type a name to see its price, total and expiry date."</p>
                    }
                        .into_any()
                }
                Some(quote) => {
                    view! {
                        <dl class="quote__lines">
                            <div>
                                <dt>"Price per year"</dt>
                                <dd class="num">{quote.price.register.to_string()}</dd>
                            </div>
                            <div>
                                <dt>"Years"</dt>
                                <dd class="num">{format!("× {}", quote.years)}</dd>
                            </div>
                            <div class="quote__total">
                                <dt>"Total due now"</dt>
                                <dd class="num" data-testid="quote-total">{quote.total.to_string()}</dd>
                            </div>
                            <div>
                                <dt>"Expires"</dt>
                                <dd class="num">{quote.expires.to_human_date()}</dd>
                            </div>
                            <div>
                                <dt>"Then renews at"</dt>
                                <dd class="num">{format!("{} / year", quote.price.renew)}</dd>
                            </div>
                        </dl>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// What every domain includes, as the provider lists it.
#[component]
pub fn IncludedFeatures() -> impl IntoView {
    view! {
        <section class="included" aria-labelledby="included-title">
            <h3 id="included-title">"Every domain includes"</h3>
            <ul>
                {INCLUDED_FEATURES
                    .iter()
                    .map(|feature| view! { <li><span aria-hidden="true">"✓ "</span>{*feature}</li> })
                    .collect_view()}
            </ul>
        </section>
    }
}
