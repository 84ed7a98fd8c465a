//! Whole `jianggao check` processes, as a user runs them (issue 15): a cold check of one
//! corpus draft (process spawn, analysis, output), the five corpus drafts,
//! and an archive of 1,000 generated drafts on one core and on every core. Before divan's
//! wall times, prints the CPU time each costs (user + system of the child processes).
//! Run with `cargo bench --bench cli` or `.ci/bench`. Set `JIANGGAO_ARCHIVE_KB` for larger
//! archive drafts (default 8 KB each); with `JIANGGAO_ARCHIVE_DIR` set, it only writes the
//! archive there (for benches/compare_autocorrect.sh).

#[path = "support/archive.rs"]
mod archive;
#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_jianggao");

/// The five corpus drafts: the three full ones and the first page of each labelled set.
static FIVE: LazyLock<Vec<PathBuf>> = LazyLock::new(|| {
    let Some(dir) = corpus::dir() else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    files.extend(["pages/a01.txt", "pages/b01.txt"].map(|p| dir.join(p)));
    files.retain(|p| p.is_file());
    files
});

/// The 6 KB corpus draft (`002_…`), the "one draft" of the cold check.
fn one_draft() -> Option<PathBuf> {
    FIVE.iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("002_"))
        })
        .cloned()
}

static ARCHIVE: LazyLock<(tempfile::TempDir, usize)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = archive::write(dir.path(), 1000, archive_kb() * 1024);
    (dir, bytes)
});

fn archive_kb() -> usize {
    std::env::var("JIANGGAO_ARCHIVE_KB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8)
}

/// `taskset -c 0` in front, to check on one core (the pool sizes itself to the CPUs allowed).
fn one_core() -> Option<Vec<String>> {
    let works = Command::new("taskset")
        .args(["-c", "0", "true"])
        .status()
        .is_ok_and(|s| s.success());
    works.then(|| vec!["taskset".into(), "-c".into(), "0".into()])
}

fn check(prefix: &[String], args: &[String]) {
    let (program, rest) = match prefix.split_first() {
        Some((program, rest)) => (program.as_str(), rest.to_vec()),
        None => (BIN, Vec::new()),
    };
    let mut command = Command::new(program);
    if !prefix.is_empty() {
        command.args(rest).arg(BIN);
    }
    let status = command
        .args(["check", "--format", "json"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run jianggao");
    // 1: findings at error level, which these drafts have.
    assert!(matches!(status.code(), Some(0 | 1)), "{status}");
}

fn paths(files: &[PathBuf]) -> Vec<String> {
    files.iter().map(|p| p.display().to_string()).collect()
}

/// Children's CPU time so far (user + system), from /proc (clock ticks of 10 ms).
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // After the command: state is field 3, cutime 16 and cstime 17 (1-based).
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Runs `work` `runs` times; prints median wall and mean CPU per run.
fn figure(name: &str, runs: u32, work: impl Fn()) {
    let cpu_before = children_cpu();
    let mut walls = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        work();
        walls.push(started.elapsed());
    }
    walls.sort();
    let cpu = cpu_before
        .zip(children_cpu())
        .map(|(before, after)| {
            format!(
                "{:.0} ms",
                (after - before).as_secs_f64() * 1000.0 / f64::from(runs)
            )
        })
        .unwrap_or_else(|| "?".into());
    println!(
        "{name}: wall median {:.1} ms (min {:.1} ms), CPU {cpu} per run, {runs} runs",
        walls[walls.len() / 2].as_secs_f64() * 1000.0,
        walls[0].as_secs_f64() * 1000.0,
    );
}

fn main() {
    if let Some(dir) = std::env::var_os("JIANGGAO_ARCHIVE_DIR") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("archive dir");
        let bytes = archive::write(&dir, 1000, archive_kb() * 1024);
        println!(
            "wrote 1,000 drafts ({} KB) to {}",
            bytes / 1024,
            dir.display()
        );
        return;
    }
    if let Some(one) = one_draft() {
        let one = paths(&[one]);
        figure("cold check, one 6 KB draft", 20, || check(&[], &one));
        let five = paths(&FIVE);
        figure("five corpus drafts", 10, || check(&[], &five));
    } else {
        println!("corpus not found: no cold-check or corpus figures");
    }
    let (dir, bytes) = &*ARCHIVE;
    let archive = vec![dir.path().display().to_string()];
    println!("archive: 1,000 generated drafts, {} KB", bytes / 1024);
    figure("archive, every core", 3, || check(&[], &archive));
    match one_core() {
        Some(prefix) => figure("archive, one core (taskset -c 0)", 3, || {
            check(&prefix, &archive)
        }),
        None => println!("archive, one core: taskset not available"),
    }
    divan::main();
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn cold_check_one_draft(bencher: divan::Bencher) {
    let Some(one) = one_draft() else { return };
    let one = paths(&[one]);
    bencher.bench(|| check(&[], &one));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn five_corpus_drafts(bencher: divan::Bencher) {
    let five = paths(&FIVE);
    if five.is_empty() {
        return;
    }
    bencher.bench(|| check(&[], &five));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn archive_every_core(bencher: divan::Bencher) {
    let archive = vec![ARCHIVE.0.path().display().to_string()];
    bencher.bench(|| check(&[], &archive));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn archive_one_core(bencher: divan::Bencher) {
    let Some(prefix) = one_core() else { return };
    let archive = vec![ARCHIVE.0.path().display().to_string()];
    bencher.bench(|| check(&prefix, &archive));
}
