//! A switch of one thread, set for the work it runs in a scope: the memo tables' bypass
//! ([`crate::memo::keeping_nothing`]) and segmentation's no-waiting mode
//! ([`crate::segment::without_waiting`]).

use std::cell::Cell;
use std::thread::LocalKey;

/// Runs `work` with this thread's `flag` set to `value`, and sets it back to what it was when
/// `work` returns or unwinds.
pub fn with<T>(flag: &'static LocalKey<Cell<bool>>, value: bool, work: impl FnOnce() -> T) -> T {
    struct Restore(&'static LocalKey<Cell<bool>>, bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            self.0.set(self.1);
        }
    }
    let _restore = Restore(flag, flag.replace(value));
    work()
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static FLAG: Cell<bool> = const { Cell::new(false) };
    }

    #[test]
    fn the_flag_holds_inside_and_is_restored_after_a_return_or_a_panic() {
        assert!(with(&FLAG, true, || FLAG.get()));
        assert!(!FLAG.get());
        // Nested: the inner scope restores the outer value.
        assert_eq!(
            with(&FLAG, true, || (
                with(&FLAG, false, || FLAG.get()),
                FLAG.get()
            )),
            (false, true)
        );
        let unwound = std::panic::catch_unwind(|| with(&FLAG, true, || panic!("a bug")));
        assert!(unwound.is_err());
        assert!(!FLAG.get());
    }
}
