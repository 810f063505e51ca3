//! The browser's clock as a signal that ticks once a second, for "updated 12 s ago" and the
//! days left before an expiry.

use leptos::prelude::*;
use std::time::Duration;
use vps_contract::Timestamp;

#[derive(Clone, Copy)]
pub struct Clock {
    millis: RwSignal<f64>,
}

impl Clock {
    pub fn start() -> Clock {
        let millis = RwSignal::new(js_sys::Date::now());
        let _ = set_interval_with_handle(move || millis.set(js_sys::Date::now()), Duration::from_secs(1));
        Clock { millis }
    }

    /// Milliseconds since the epoch; tracked, so it re-renders what reads it every second.
    pub fn millis(&self) -> f64 {
        self.millis.get()
    }

    /// Now, to the minute: enough for days left, and it changes 60× less often.
    pub fn minute(&self) -> Timestamp {
        let seconds = (self.millis.get() / 1000.0) as i64;
        Timestamp(seconds - seconds.rem_euclid(60))
    }
}
