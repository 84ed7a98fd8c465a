//! The one thread that runs analyses, one at a time, in the order they were asked for.
//!
//! On a thread pool, ten drafts opened at once are analysed at once: their peaks add up, and
//! every pool thread gets its own allocator arena that keeps what it once held. One worker
//! keeps the memory of ten open drafts to that of the largest analysis; a superseded
//! analysis stops early (see [`crate::cancel`]), so it holds up the queue only briefly.

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;

use tokio::sync::oneshot;

type Task = Box<dyn FnOnce() + Send>;

pub struct Worker {
    tasks: mpsc::Sender<Task>,
}

impl Worker {
    pub fn spawn() -> Worker {
        let (tasks, queue) = mpsc::channel::<Task>();
        let started = std::thread::Builder::new()
            .name("jianggao-analysis".to_owned())
            .spawn(move || {
                for task in queue {
                    task();
                }
            });
        if let Err(err) = started {
            eprintln!("jianggao: cannot start the analysis thread: {err}");
        }
        Worker { tasks }
    }

    /// Queues `work` now; the future waits for its result: `Err` with the panic's message if
    /// it panicked (or the worker is gone). Dropping the future does not unqueue the work.
    pub fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> impl Future<Output = Result<T, String>> + Send + 'static {
        let (done, result) = oneshot::channel();
        let task: Task = Box::new(move || {
            let outcome = catch_unwind(AssertUnwindSafe(work))
                .map_err(|payload| crate::analysis::panic_message(payload.as_ref()));
            let _ = done.send(outcome);
        });
        let queued = self.tasks.send(task).is_ok();
        async move {
            if !queued {
                return Err(GONE.to_owned());
            }
            result.await.unwrap_or_else(|_| Err(GONE.to_owned()))
        }
    }
}

const GONE: &str = "the analysis thread is gone";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn runs_in_order_on_one_thread_and_survives_a_panic() {
        let worker = Worker::spawn();
        let first = worker.run(|| std::thread::current().id()).await.unwrap();
        let failed = worker.run(|| -> u8 { panic!("a bug in a check") }).await;
        assert_eq!(failed, Err("a bug in a check".to_owned()));
        let second = worker.run(|| std::thread::current().id()).await.unwrap();
        assert_eq!(first, second);
        assert_ne!(first, std::thread::current().id());
    }
}
