//! Issue 14, items 11 and 12: `jianggao check --fix` never overwrites what it must not.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_jianggao");

/// A short note with a page-number line, which `--fix residue` deletes.
const DRAFT: &str = "会议安排\n今天下午三点开会。\n- 2 -\n请各部门准时参加。\n";

fn fix(path: &Path) -> Output {
    Command::new(BIN)
        .args(["check", "--fix", "residue", "--color", "never"])
        .arg(path)
        .output()
        .expect("run jianggao")
}

#[cfg(unix)]
#[test]
fn a_read_only_draft_is_refused_with_exit_code_2() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("通知.txt");
    std::fs::write(&path, DRAFT).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = fix(&path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains("是只读文件，修复未写回（原文件未改动）"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), DRAFT);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

#[cfg(unix)]
#[test]
fn a_fixed_draft_keeps_its_mode_and_a_hard_link_keeps_the_old_text() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("通知.txt");
    let link = dir.path().join("备份.txt");
    std::fs::write(&path, DRAFT).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
    std::fs::hard_link(&path, &link).unwrap();
    let out = fix(&path);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("已删除 1 处网页残留"), "{stdout}");
    assert!(stderr.contains("还有 1 个硬链接"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "会议安排\n今天下午三点开会。\n请各部门准时参加。\n"
    );
    assert_eq!(std::fs::read_to_string(&link).unwrap(), DRAFT);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o604);
}
