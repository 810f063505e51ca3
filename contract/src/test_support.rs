//! One domain builder for every test that needs a domain (the `test-support` feature; the
//! crate's own tests always have it): an active VPS.org domain with the provider's defaults,
//! changed only where a test says so.
//! `domain(104, "old-project.net").status(DomainStatus::Expired).auto_renew(false).summary()`,
//! `domain(106, "legacy-shop.com").held_at("GoDaddy").locked(false).detail()`.

use crate::{
    dns_managed_by, DomainDetail, DomainId, DomainStatus, DomainSummary, Timestamp, TransferStatus, WhoisInfo,
    VPS_NAMESERVERS,
};

/// `domain_name` is taken as given (ASCII, punycode for an IDN).
pub fn domain(id: u64, domain_name: &str) -> DomainBuilder {
    DomainBuilder {
        summary: DomainSummary {
            id: DomainId(id),
            domain_name: domain_name.to_string(),
            status: DomainStatus::Active,
            registration_date: Timestamp::parse("2024-01-01T00:00:00Z"),
            expiration_date: Timestamp::parse("2027-01-01T00:00:00Z"),
            auto_renew: true,
            locked: true,
            nameservers: VPS_NAMESERVERS.iter().map(|host| host.to_string()).collect(),
            privacy_protection: true,
            dns_managed_by: dns_managed_by(&VPS_NAMESERVERS),
        },
        registrar: "VPS.org".to_string(),
        days_until_expiration: None,
        dns_records_count: 0,
        transfer: None,
    }
}

#[derive(Clone, Debug)]
pub struct DomainBuilder {
    summary: DomainSummary,
    registrar: String,
    days_until_expiration: Option<i64>,
    dns_records_count: u64,
    transfer: Option<(TransferStatus, Option<Timestamp>)>,
}

impl DomainBuilder {
    pub fn status(mut self, status: DomainStatus) -> Self {
        self.summary.status = status;
        self
    }

    /// RFC 3339; text the tolerant reader cannot read leaves the date out, as it would.
    pub fn registered(mut self, at: &str) -> Self {
        self.summary.registration_date = Timestamp::parse(at);
        self
    }

    /// RFC 3339; text the tolerant reader cannot read leaves the date out, as it would.
    pub fn expires(mut self, at: &str) -> Self {
        self.summary.expiration_date = Timestamp::parse(at);
        self
    }

    pub fn auto_renew(mut self, on: bool) -> Self {
        self.summary.auto_renew = on;
        self
    }

    pub fn locked(mut self, on: bool) -> Self {
        self.summary.locked = on;
        self
    }

    pub fn privacy(mut self, on: bool) -> Self {
        self.summary.privacy_protection = on;
        self
    }

    /// `dns_managed_by` follows, as the provider derives it.
    pub fn nameservers(mut self, hosts: &[&str]) -> Self {
        self.summary.nameservers = hosts.iter().map(|host| host.to_string()).collect();
        self.summary.dns_managed_by = dns_managed_by(&self.summary.nameservers);
        self
    }

    /// Registered at another registrar (the detail's `registrar`).
    pub fn held_at(mut self, registrar: &str) -> Self {
        self.registrar = registrar.to_string();
        self
    }

    pub fn days_until_expiration(mut self, days: i64) -> Self {
        self.days_until_expiration = Some(days);
        self
    }

    pub fn dns_records(mut self, count: u64) -> Self {
        self.dns_records_count = count;
        self
    }

    /// A transfer asked for at `initiated` (RFC 3339), estimated to complete seven days later.
    pub fn transfer(mut self, status: TransferStatus, initiated: &str) -> Self {
        self.transfer = Some((status, Timestamp::parse(initiated)));
        self
    }

    pub fn summary(self) -> DomainSummary {
        self.summary
    }

    /// The detail as the provider writes it: WHOIS contacts hidden while privacy is on.
    pub fn detail(self) -> DomainDetail {
        let contact = if self.summary.privacy_protection {
            "Privacy Protected"
        } else {
            "Test Owner, owner@example.test"
        };
        let day = |at: Option<Timestamp>| at.map(Timestamp::to_ymd).unwrap_or_default();
        let (transfer_status, transfer_initiated_at) = self.transfer.unzip();
        let transfer_initiated_at = transfer_initiated_at.flatten();
        DomainDetail {
            whois_info: Some(WhoisInfo {
                registrant: contact.to_string(),
                admin_contact: contact.to_string(),
                tech_contact: contact.to_string(),
                created_date: day(self.summary.registration_date),
                updated_date: day(self.summary.registration_date),
            }),
            registrar: Some(self.registrar),
            days_until_expiration: self.days_until_expiration,
            dns_records_count: Some(self.dns_records_count),
            transfer_status,
            transfer_initiated_at,
            estimated_completion: transfer_initiated_at.map(|at| at.plus_days(7)),
            summary: self.summary,
        }
    }
}

impl From<DomainBuilder> for DomainSummary {
    fn from(builder: DomainBuilder) -> DomainSummary {
        builder.summary()
    }
}

impl From<DomainBuilder> for DomainDetail {
    fn from(builder: DomainBuilder) -> DomainDetail {
        builder.detail()
    }
}
