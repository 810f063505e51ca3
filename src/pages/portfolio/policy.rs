//! `/portfolio`: the policy the domains should meet and every domain that breaks it, grouped
//! by rule, each group fixed in one go through the bulk review; the saved views; and the
//! memory's export and import.

use super::backup::BackupPanel;
use super::views::ViewsManager;
use super::StorageNotice;
use crate::chunks::{self, Lazy};
use crate::components::fields::Checkbox;
use crate::i18n::Lang;
use crate::logic::bulk::BulkChange;
use crate::logic::portfolio::policy::{evaluate, Breach};
use crate::logic::portfolio::text::problem_text;
use crate::logic::portfolio::{clean_tag, Policy, TextProblem};
use crate::state::bulk::Bulk;
use crate::state::language::use_i18n;
use crate::state::portfolio::PortfolioMemory;
use crate::state::store::DomainStore;
use leptos::prelude::*;
use vps_contract::normalize_nameservers;

/// Names listed under a rule before "and N more".
const LISTED: usize = 12;

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let i18n = use_i18n();
    crate::state::language::page_title(|lang| lang.portfolio_title().to_string());
    view! {
        <section class="page">
            <header class="page__header">
                <div>
                    <h1>{i18n.text(Lang::portfolio_title)}</h1>
                    <p class="page__subtitle">{i18n.text(Lang::portfolio_subtitle)}</p>
                </div>
            </header>
            <StorageNotice />
            <PolicyEditor />
            <Breaches />
            <ViewsManager />
            <BackupPanel />
        </section>
    }
}

/// The policy as typed: the nameserver sets one per line.
#[derive(Clone, Debug, Default, PartialEq)]
struct PolicyDraft {
    locked: bool,
    auto_renew: bool,
    privacy: bool,
    nameserver_sets: String,
    exempt_tag: String,
}

/// What is wrong with a draft: a nameserver set's line (from 1), or the tag.
#[derive(Clone, Copy, Debug, PartialEq)]
enum PolicyProblem {
    NameserverLine(usize),
    ExemptTag(TextProblem),
}

impl PolicyDraft {
    fn of(policy: &Policy) -> PolicyDraft {
        PolicyDraft {
            locked: policy.locked,
            auto_renew: policy.auto_renew,
            privacy: policy.privacy,
            nameserver_sets: policy
                .nameserver_sets
                .iter()
                .map(|set| set.join(", "))
                .collect::<Vec<_>>()
                .join("\n"),
            exempt_tag: policy.exempt_tag.clone(),
        }
    }

    fn policy(&self) -> Result<Policy, PolicyProblem> {
        let mut nameserver_sets = Vec::new();
        for (index, line) in self.nameserver_sets.lines().enumerate() {
            let hosts: Vec<&str> = line.split([',', ' ', '\t']).filter(|host| !host.is_empty()).collect();
            if hosts.is_empty() {
                continue;
            }
            let set = normalize_nameservers(&hosts).map_err(|_| PolicyProblem::NameserverLine(index + 1))?;
            nameserver_sets.push(set);
        }
        let exempt_tag = match self.exempt_tag.trim() {
            "" => String::new(),
            typed => clean_tag(typed).map_err(PolicyProblem::ExemptTag)?,
        };
        Ok(Policy {
            locked: self.locked,
            auto_renew: self.auto_renew,
            privacy: self.privacy,
            nameserver_sets,
            exempt_tag,
        })
    }
}

#[component]
fn PolicyEditor() -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let i18n = use_i18n();
    let kept = move || memory.with(|notes| PolicyDraft::of(&notes.policy));
    let draft = RwSignal::new(kept());
    let problem = RwSignal::new(None::<PolicyProblem>);
    let saved = RwSignal::new(false);
    // Kept elsewhere meanwhile (an import, another tab): an untouched form follows it.
    let last_kept = StoredValue::new(draft.get_untracked());
    Effect::new(move |_| {
        let now = kept();
        if draft.with_untracked(|draft| *draft == last_kept.get_value()) {
            draft.set(now.clone());
        }
        last_kept.set_value(now);
    });
    let field = move |set: fn(&mut PolicyDraft, bool)| {
        SignalSetter::map(move |on| {
            saved.set(false);
            draft.update(|draft| set(draft, on))
        })
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match draft.with_untracked(PolicyDraft::policy) {
            Ok(policy) => {
                draft.set(PolicyDraft::of(&policy));
                last_kept.set_value(PolicyDraft::of(&policy));
                memory.update(|notes| notes.policy = policy);
                problem.set(None);
                saved.set(true);
            }
            Err(found) => problem.set(Some(found)),
        }
    };
    let problem_words = move || {
        problem.get().map(|problem| {
            i18n.words(move |lang| match problem {
                PolicyProblem::NameserverLine(line) => lang.policy_ns_line_problem(line),
                PolicyProblem::ExemptTag(problem) => problem_text(lang, problem),
            })
        })
    };
    view! {
        <form class="card" on:submit=submit novalidate aria-labelledby="policy-title">
            <h2 id="policy-title">{i18n.text(Lang::policy_title)}</h2>
            <p class="hint">{i18n.text(Lang::policy_hint)}</p>
            <Checkbox checked=Signal::derive(move || draft.with(|d| d.locked)) set_checked=field(|d, on| d.locked = on) label=i18n.text(Lang::policy_rule_locked) hint=i18n.text(Lang::policy_rule_locked_hint) />
            <Checkbox checked=Signal::derive(move || draft.with(|d| d.auto_renew)) set_checked=field(|d, on| d.auto_renew = on) label=i18n.text(Lang::policy_rule_auto_renew) hint=i18n.text(Lang::policy_rule_auto_renew_hint) />
            <Checkbox checked=Signal::derive(move || draft.with(|d| d.privacy)) set_checked=field(|d, on| d.privacy = on) label=i18n.text(Lang::policy_rule_privacy) hint=i18n.text(Lang::policy_rule_privacy_hint) />
            <div class="field">
                <label class="field__label" for="policy-ns">{i18n.text(Lang::policy_rule_nameservers)}</label>
                <textarea id="policy-ns" class="input mono" rows="3" spellcheck="false" aria-describedby="policy-ns-hint"
                    prop:value=move || draft.with(|d| d.nameserver_sets.clone())
                    on:input:target=move |event| { saved.set(false); draft.update(|d| d.nameserver_sets = event.target().value()) }></textarea>
                <p id="policy-ns-hint" class="hint">{i18n.text(Lang::policy_ns_hint)}</p>
            </div>
            <div class="field">
                <label class="field__label" for="policy-exempt">{i18n.text(Lang::policy_exempt_label)}</label>
                <input id="policy-exempt" class="input" autocomplete="off" aria-describedby="policy-exempt-hint"
                    prop:value=move || draft.with(|d| d.exempt_tag.clone())
                    on:input:target=move |event| { saved.set(false); draft.update(|d| d.exempt_tag = event.target().value()) } />
                <p id="policy-exempt-hint" class="hint">{i18n.text(Lang::policy_exempt_hint)}</p>
            </div>
            <p class="field__error" role="alert">{problem_words}</p>
            <div class="form-actions">
                <button type="submit" class="button button--primary">{i18n.text(Lang::policy_save)}</button>
                <span class="muted" role="status">{move || saved.get().then(|| i18n.text(Lang::kept_saved))}</span>
            </div>
        </form>
    }
}

/// Every domain that breaks a rule, grouped by rule, each group with its "Fix N domains".
#[component]
fn Breaches() -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let store = expect_context::<DomainStore>();
    let i18n = use_i18n();
    let breaches =
        Memo::new(move |_| store.with_cache(|cache| memory.with(|notes| evaluate(&notes.policy, notes, cache))));
    let checks = move || memory.with(|notes| notes.policy != Policy::default());
    let fixing = RwSignal::new(None::<(u32, BulkChange)>);
    let open = RwSignal::new(false);
    view! {
        <section class="card" aria-labelledby="breaches-title">
            <h2 id="breaches-title">{i18n.text(Lang::policy_breaches_title)}</h2>
            {move || match (checks(), breaches.with(Vec::is_empty)) {
                (false, _) => view! { <p class="muted">{i18n.text(Lang::policy_no_rules)}</p> }.into_any(),
                (true, true) => view! { <p class="notice notice--success">{i18n.text(Lang::policy_all_meet)}</p> }.into_any(),
                (true, false) => view! {
                    <For each=move || breaches.get() key=|breach| (breach.rule, breach.ids.clone()) let(breach)>
                        <BreachGroup breach fixing open />
                    </For>
                }.into_any(),
            }}
        </section>
        // A fresh dialog for each fix, opened on its review.
        {move || {
            let (_, fix) = fixing.get()?;
            let fix = StoredValue::new(fix);
            Some(view! { <Lazy load=move || chunks::bulk_dialog(open, false, Some(fix.get_value())) /> })
        }}
    }
}

#[component]
fn BreachGroup(breach: Breach, fixing: RwSignal<Option<(u32, BulkChange)>>, open: RwSignal<bool>) -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let store = expect_context::<DomainStore>();
    let bulk = expect_context::<Bulk>();
    let i18n = use_i18n();
    let Breach { rule, ids } = breach;
    let count = ids.len();
    let names: Vec<(String, String)> = store.with_cache_untracked(|cache| {
        ids.iter()
            .take(LISTED)
            .filter_map(|id| {
                cache
                    .get(*id)
                    .map(|record| (format!("/domains/{id}"), record.display_name.clone()))
            })
            .collect()
    });
    let fix = move |_| {
        let Some(change) = memory.with_untracked(|notes| rule.fix(&notes.policy)) else {
            return;
        };
        bulk.clear_selection();
        bulk.set_all(&ids, true);
        fixing.update(|fixing| {
            let opening = fixing.as_ref().map_or(1, |(count, _)| count + 1);
            *fixing = Some((opening, change));
        });
        open.set(true);
    };
    view! {
        <div class="breach" data-rule=format!("{rule:?}")>
            <h3>{i18n.words(move |lang| lang.policy_breach_title(count as i64, rule.title(lang)))}</h3>
            <ul class="breach__names">
                {names.into_iter().map(|(href, name)| view! { <li><a href=href>{name}</a></li> }).collect_view()}
                {(count > LISTED).then(|| view! { <li class="muted">{i18n.words(move |lang| lang.policy_more((count - LISTED) as i64))}</li> })}
            </ul>
            <button type="button" class="button button--primary" data-chunk="pages" disabled=move || bulk.is_running() on:click=fix>
                {i18n.words(move |lang| lang.policy_fix(count as i64))}
            </button>
        </div>
    }
}
