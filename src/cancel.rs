//! Cooperative cancellation of an analysis whose draft changed before it finished.
//!
//! The server runs each analysis under a [`Token`] ([`run`]); long loops of the core call
//! [`check`], which unwinds out of the analysis once the token says its result is no longer
//! wanted. The unwinding uses `resume_unwind`, so no panic hook runs and nothing is printed
//! (salsa, under rust-analyzer, cancels the same way). Outside [`run`], [`check`] does
//! nothing: the command line and the tests never cancel.

use std::cell::RefCell;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Wanted while `latest` still holds `generation`.
#[derive(Debug, Clone)]
pub struct Token {
    latest: Arc<AtomicU64>,
    generation: u64,
    /// Tests only: cancelled by the [`check`] that brings this to zero.
    #[cfg(test)]
    countdown: Option<Arc<std::sync::atomic::AtomicUsize>>,
}

impl Token {
    /// A token for the work on `generation`, cancelled once `latest` moves on.
    pub fn new(latest: Arc<AtomicU64>, generation: u64) -> Token {
        Token {
            latest,
            generation,
            #[cfg(test)]
            countdown: None,
        }
    }

    /// A token cancelled at its `polls`-th [`check`], wherever that is.
    #[cfg(test)]
    pub fn cancelled_at_check(polls: usize) -> Token {
        Token {
            countdown: Some(Arc::new(std::sync::atomic::AtomicUsize::new(polls))),
            ..Token::new(Arc::new(AtomicU64::new(0)), 0)
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.latest.load(Ordering::Relaxed) != self.generation
    }
}

/// The payload of the unwinding [`check`] starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

thread_local! {
    static CURRENT: RefCell<Option<Token>> = const { RefCell::new(None) };
}

/// Unwinds out of the enclosing [`run`] if its token was cancelled.
pub fn check() {
    #[cfg(test)]
    CURRENT.with(|current| {
        if let Some(token) = current.borrow().as_ref() {
            if let Some(countdown) = &token.countdown {
                if countdown.fetch_sub(1, Ordering::Relaxed) == 1 {
                    token.latest.store(u64::MAX, Ordering::Relaxed);
                }
            }
        }
    });
    let cancelled =
        CURRENT.with(|current| current.borrow().as_ref().is_some_and(Token::is_cancelled));
    if cancelled {
        resume_unwind(Box::new(Cancelled));
    }
}

/// Runs `work` under `token`: `Err(Cancelled)` if a [`check`] inside it found the token
/// cancelled. Any other panic goes on unwinding.
pub fn run<T>(token: Token, work: impl FnOnce() -> T) -> Result<T, Cancelled> {
    let previous = CURRENT.with(|current| current.replace(Some(token)));
    let result = catch_unwind(AssertUnwindSafe(work));
    CURRENT.with(|current| *current.borrow_mut() = previous);
    match result {
        Ok(value) => Ok(value),
        Err(payload) if payload.is::<Cancelled>() => Err(Cancelled),
        Err(payload) => resume_unwind(payload),
    }
}

/// The token of the enclosing [`run`], if any: work handed to another thread takes it along,
/// so that the other thread stops with this one.
pub fn current() -> Option<Token> {
    CURRENT.with(|current| current.borrow().clone())
}

/// Whether a caught panic payload is a cancellation (to be passed on, not reported).
pub fn is_cancellation(payload: &(dyn std::any::Any + Send)) -> bool {
    payload.is::<Cancelled>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_unwinds_only_once_the_token_is_cancelled() {
        let latest = Arc::new(AtomicU64::new(3));
        let token = Token::new(latest.clone(), 3);
        let mut steps = 0;
        let result = run(token, || {
            for step in 0..100 {
                check();
                steps = step;
                if step == 10 {
                    latest.store(4, Ordering::Relaxed); // the draft changed
                }
            }
        });
        assert_eq!(result, Err(Cancelled));
        assert_eq!(steps, 10);
        // Outside `run`, nothing happens; a wanted run finishes.
        check();
        assert_eq!(run(Token::new(latest, 4), || 7), Ok(7));
    }

    #[test]
    fn the_current_token_is_the_enclosing_runs() {
        assert!(current().is_none());
        let latest = Arc::new(AtomicU64::new(1));
        let inside = run(Token::new(latest.clone(), 1), || {
            current().map(|token| token.is_cancelled())
        });
        assert_eq!(inside, Ok(Some(false)));
        let handed_on = run(Token::new(latest.clone(), 1), || current().unwrap());
        latest.store(2, Ordering::Relaxed);
        assert!(handed_on.unwrap().is_cancelled());
        assert!(current().is_none());
    }

    #[test]
    fn other_panics_go_on_unwinding() {
        let latest = Arc::new(AtomicU64::new(0));
        let caught = catch_unwind(|| run(Token::new(latest, 0), || panic!("a real bug")));
        assert!(caught.is_err());
        // The token was removed again.
        check();
    }
}
