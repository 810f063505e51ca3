//! The transfer's confirmation: the fee, what it adds, and the button that pays.

use crate::components::dialog::Dialog;
use crate::components::payment::{PayAction, PaymentActions};
use crate::i18n::Lang;
use crate::intl;
use crate::logic::cache::DomainRecord;
use crate::logic::format::on_off;
use crate::state::language::use_i18n;
use crate::state::payment::Payment;
use leptos::prelude::*;
use vps_contract::{Cents, TransferRequest};

/// The fee, what it adds, and the button that pays.
#[component]
pub fn ConfirmTransfer(
    record: Memo<Option<DomainRecord>>,
    payment: Payment<TransferRequest>,
    fee: Memo<Option<Cents>>,
    on_confirm: impl Fn() + Send + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog
            open=Signal::derive(move || payment.is_open())
            on_close=move || payment.close()
            title=i18n.signal(move |lang| lang.transfer_confirm_title().to_string())
            busy=Signal::derive(move || payment.is_sending())
        >
            {move || {
                let record = record.get()?;
                let request = payment.request()?;
                let new_expiry = record.summary.expiration_date.map(|e| e.plus_years(1));
                let auto_renew = request.auto_renew;
                Some(view! {
                    <p class="dialog__lead">
                        {i18n.words(move |lang| match &record.registrar {
                            Some(registrar) => lang.transfer_confirm_lead(&record.display_name, registrar),
                            None => lang.transfer_confirm_lead_unnamed(&record.display_name),
                        })}
                    </p>
                    <dl class="summary-list">
                        <div>
                            <dt>{i18n.text(Lang::payment_charged_now)}</dt>
                            <dd class="num strong">{i18n.words(move |lang| fee.get().map(|f| intl::money(lang, f)).unwrap_or_default())}</dd>
                        </div>
                        <div>
                            <dt>{i18n.text(Lang::transfer_adds)}</dt>
                            <dd>
                                {i18n.words(move |lang| match new_expiry {
                                        Some(date) => lang.transfer_adds_year_until(intl::date(lang, date)),
                                        None => lang.transfer_adds_year().to_string(),
                                    })}
                            </dd>
                        </div>
                        <div>
                            <dt>{i18n.text(Lang::transfer_auto_renew_after)}</dt>
                            <dd>{i18n.words(move |lang| on_off(lang, auto_renew))}</dd>
                        </div>
                    </dl>
                    <p class="hint">{i18n.text(Lang::transfer_approval_hint)}</p>
                })
            }}
            <PaymentActions
                payment
                amount=i18n.signal(move |lang| fee.get().map(|f| intl::money(lang, f)).unwrap_or_default())
                action=PayAction::Transfer
                test_id="confirm-transfer"
                on_confirm
            />
        </Dialog>
    }
}
