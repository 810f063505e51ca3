//! A signal whose readers may hear of a burst of changes once, a moment after the first: for
//! state that many answers change in quick succession (the cache during a bulk change, the
//! batch itself).

use leptos::prelude::*;
use std::time::Duration;

/// When the views hear that an answer changed the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// At once: one change that a person is waiting to see.
    Now,
    /// Within [`BURST_WAKE`], together with whatever else arrives meanwhile: one answer of many
    /// (a bulk change, a round of detail reads). Each wake reruns every view over the whole
    /// cache (order, filter, counts), which at 10,000 domains is too much to do per answer.
    Soon,
}

/// How long the views may lag a burst of answers: a few updates a second stay smooth.
pub const BURST_WAKE: Duration = Duration::from_millis(100);

/// A value in a signal, changed either at once or [`Wake::Soon`]. `Copy`: pass it anywhere.
pub struct Batched<T: Send + Sync + 'static> {
    signal: RwSignal<T>,
    /// Whether a wake for the changes made quietly is on its way.
    scheduled: StoredValue<bool>,
}

impl<T: Send + Sync + 'static> Clone for Batched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Batched<T> {}

impl<T: Send + Sync + 'static> Batched<T> {
    pub fn new(value: T) -> Batched<T> {
        Batched {
            signal: RwSignal::new(value),
            scheduled: StoredValue::new(false),
        }
    }

    /// Reads the value, and tracks it.
    #[inline]
    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.signal.with(read)
    }

    #[inline]
    pub fn with_untracked<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.signal.with_untracked(read)
    }

    /// Changes the value and tells its readers at once.
    #[inline]
    pub fn update(&self, change: impl FnOnce(&mut T)) {
        self.signal.update(change);
    }

    #[inline]
    pub fn set(&self, value: T) {
        self.signal.set(value);
    }

    /// Changes the value, telling its readers only when `change` says it changed.
    #[inline]
    pub fn maybe_update(&self, change: impl FnOnce(&mut T) -> bool) {
        self.signal.maybe_update(change);
    }

    /// Changes the value, telling its readers as `wake` says.
    pub fn change(&self, wake: Wake, change: impl FnOnce(&mut T)) {
        match wake {
            Wake::Now => self.update(change),
            Wake::Soon => {
                self.change_soon(change);
            }
        }
    }

    /// Changes the value without telling its readers, and tells them once within
    /// [`BURST_WAKE`] of the first such change. `None` once the signal is gone.
    pub fn change_soon<U>(&self, change: impl FnOnce(&mut T) -> U) -> Option<U> {
        let changed = self.signal.try_update_untracked(change)?;
        let scheduled = self.scheduled;
        if scheduled.try_update_value(|scheduled| !std::mem::replace(scheduled, true)) == Some(true) {
            let signal = self.signal;
            set_timeout(
                move || {
                    let _ = scheduled.try_update_value(|scheduled| *scheduled = false);
                    let _ = signal.try_update(|_| ());
                },
                BURST_WAKE,
            );
        }
        Some(changed)
    }
}
