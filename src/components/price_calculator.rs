//! The TLD price calculator: the seven TLDs' prices, and for the typed name the per-year
//! price, the years, the total and the expiry it gives, all in integer cents.

use crate::i18n::Lang;
use crate::intl;
use crate::logic::registration::Quote;
use crate::state::language::use_i18n;
use leptos::prelude::*;
use vps_contract::{INCLUDED_FEATURES, TLD_PRICES};

/// The price list, with the row of the typed name's TLD marked.
#[component]
pub fn PriceTable(#[prop(into)] selected_tld: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="price-table">
            <caption>{i18n.text(Lang::price_table_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.text(Lang::price_column_tld)}</th>
                    <th scope="col" class="num">{i18n.text(Lang::price_column_register)}</th>
                    <th scope="col" class="num">{i18n.text(Lang::price_column_renew)}</th>
                    <th scope="col" class="num">{i18n.text(Lang::price_column_transfer)}</th>
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
                                <td class="num">{i18n.words(move |lang| intl::money(lang, row.register))}</td>
                                <td class="num">{i18n.words(move |lang| intl::money(lang, row.renew))}</td>
                                <td class="num">{i18n.words(move |lang| intl::money(lang, row.transfer))}</td>
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
    let i18n = use_i18n();
    view! {
        <div class="quote" aria-live="polite">
            {move || match quote.get() {
                None => {
                    view! {
                        <p class="quote__empty">{i18n.text(Lang::price_quote_empty)}</p>
                    }
                        .into_any()
                }
                Some(quote) => {
                    let (price, renew, total, expires) = (quote.price.register, quote.price.renew, quote.total, quote.expires);
                    view! {
                        <dl class="quote__lines">
                            <div>
                                <dt>{i18n.text(Lang::price_per_year)}</dt>
                                <dd class="num">{i18n.words(move |lang| intl::money(lang, price))}</dd>
                            </div>
                            <div>
                                <dt>{i18n.text(Lang::price_years)}</dt>
                                <dd class="num">{format!("× {}", quote.years)}</dd>
                            </div>
                            <div class="quote__total">
                                <dt>{i18n.text(Lang::price_total_due)}</dt>
                                <dd class="num" data-testid="quote-total">{i18n.words(move |lang| intl::money(lang, total))}</dd>
                            </div>
                            <div>
                                <dt>{i18n.text(Lang::price_expires)}</dt>
                                <dd class="num">{i18n.words(move |lang| intl::date(lang, expires))}</dd>
                            </div>
                            <div>
                                <dt>{i18n.text(Lang::price_then_renews)}</dt>
                                <dd class="num">
                                    {i18n.words(move |lang| lang.price_amount_per_year(intl::money(lang, renew)))}
                                </dd>
                            </div>
                        </dl>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// What every domain includes, as the provider lists it (`INCLUDED_FEATURES`), in the reader's
/// language.
#[component]
pub fn IncludedFeatures() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="included" aria-labelledby="included-title">
            <h3 id="included-title">{i18n.text(Lang::price_included_title)}</h3>
            <ul>
                {(0..INCLUDED_FEATURES.len())
                    .map(|index| {
                        view! {
                            <li>
                                <span aria-hidden="true">"✓ "</span>
                                {i18n.words(move |lang| included_features(lang)[index])}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// `INCLUDED_FEATURES`, in order, in `lang`.
fn included_features(lang: Lang) -> [&'static str; INCLUDED_FEATURES.len()] {
    [
        lang.price_feature_whois_privacy(),
        lang.price_feature_dns(),
        lang.price_feature_email_forwarding(),
        lang.price_feature_domain_forwarding(),
        lang.price_feature_lock(),
        lang.price_feature_support(),
        lang.price_feature_management(),
        lang.price_feature_auto_renew(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_features_in_english_are_the_providers_list() {
        assert_eq!(included_features(Lang::En), INCLUDED_FEATURES);
        assert_eq!(included_features(Lang::Fi)[0], "Maksuton WHOIS-tietosuoja");
    }
}
