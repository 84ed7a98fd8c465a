//! "A false alarm is a bug just like a miss": clean speech drafts written the way office
//! writers write them give no finding at all, and deliberately broken ones give exactly the
//! findings a careful human marks. Fixtures are in `tests/fixtures/clean/` and
//! `tests/fixtures/broken/` (our own text, never corpus text).

use std::path::{Path, PathBuf};

use jianggao::draft::{NodeKind, OutlineNode};
use jianggao::{analyze_with, Config, DocKind};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every clean fixture with the ordinals of its top-level sections, in order. A fixture
/// missing from this table fails the test, so every new one gets its outline checked.
const CLEAN: &[(&str, &[&str])] = &[
    ("01_year_end_commendation.txt", &["一、", "二、", "三、"]),
    ("02_work_meeting.txt", &["一、", "二、", "三、"]),
    ("03_exchange.txt", &["一、", "二、", "三、"]),
    // A 致辞 is a few paragraphs without numbered parts.
    ("04_ceremony_greeting.txt", &[]),
    ("05_nested_numbering.txt", &["一、", "二、", "三、"]),
    ("06_markdown.md", &["一、", "二、", "三、"]),
    ("07_crlf_indent.txt", &["一、", "二、", "三、"]),
    ("08_dated_speaker.txt", &["一、", "二、"]),
    ("09_quoted_formulations.txt", &["一、", "二、", "三、"]),
    ("10_lookalikes.txt", &["一、", "二、", "三、"]),
    // Three paragraph-leading `一要…` items, two of them holding `一是要…`/`一是…` lists of
    // their own (the outline tree is asserted in tests/outline_tree.rs): no sections.
    ("11_nested_enumerations.txt", &[]),
    // A 主持词 for two hosts: `男：` `女：` `合：` take turns, the address ends in commas.
    ("12_two_hosts.txt", &[]),
];

/// What the proofreading rules (issue 16) find in the clean drafts, each judged true by hand:
/// (file, rule, line, message). `10_lookalikes.txt` writes one year in Chinese numerals and
/// the others in Arabic digits, which GB/T 15835 asks to unify.
const PROOFREADING: &[(&str, &str, usize, &str)] = &[(
    "10_lookalikes.txt",
    "number-style",
    5,
    "年份写法不统一：此处为“二〇二五年”，全文另有 1 处用阿拉伯数字（如“2020年”）",
)];

fn files(dir: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read(path: &Path) -> (String, DocKind) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    (text, DocKind::from_path(&path.to_string_lossy()))
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

#[test]
fn clean_drafts_give_no_finding() {
    let paths = files("tests/fixtures/clean");
    assert_eq!(paths.len(), CLEAN.len(), "fixtures and table differ");
    for path in &paths {
        let (text, kind) = read(path);
        let analysis = analyze_with(&text, kind, &Config::default());
        let found: Vec<(&str, usize, &str)> = analysis
            .findings
            .iter()
            .map(|f| (f.rule, line_of(&text, f.range.start), f.message.as_str()))
            .collect();
        let file = name(path);
        let expected: Vec<(&str, usize, &str)> = PROOFREADING
            .iter()
            .filter(|(f, ..)| *f == file)
            .map(|&(_, rule, line, message)| (rule, line, message))
            .collect();
        assert_eq!(found, expected, "{file}: {found:#?}");
        assert_eq!(analysis.failures, [], "{}", name(path));
    }
}

#[test]
fn clean_drafts_have_one_speech_with_the_expected_parts() {
    let paths = files("tests/fixtures/clean");
    for path in &paths {
        let file = name(path);
        let Some((_, sections)) = CLEAN.iter().find(|(n, _)| *n == file) else {
            panic!("{file}: no expected outline in CLEAN");
        };
        let (text, kind) = read(path);
        let outline = analyze_with(&text, kind, &Config::default()).outline;
        assert_eq!(outline.nodes.len(), 1, "{file}: speeches");
        let speech: &OutlineNode = &outline.nodes[0];
        let top: Vec<&str> = speech
            .children
            .iter()
            .filter(|c| c.kind == NodeKind::Section)
            .map(|c| c.ordinal.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(top, *sections, "{file}: top-level sections");
        // Title, salutation, opening, the sections, closing — in that order.
        let mut parts = vec![NodeKind::Title, NodeKind::Salutation, NodeKind::Opening];
        parts.extend(sections.iter().map(|_| NodeKind::Section));
        parts.push(NodeKind::Closing);
        let kinds: Vec<NodeKind> = speech.children.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, parts, "{file}: parts");
    }
}

#[test]
fn the_nested_draft_keeps_every_level() {
    let path = Path::new(ROOT).join("tests/fixtures/clean/05_nested_numbering.txt");
    let (text, kind) = read(&path);
    let outline = analyze_with(&text, kind, &Config::default()).outline;
    fn tree(node: &OutlineNode, depth: usize, out: &mut Vec<String>) {
        for child in &node.children {
            if let Some(ordinal) = &child.ordinal {
                out.push(format!("{}{ordinal}", "  ".repeat(depth)));
            }
            tree(child, depth + 1, out);
        }
    }
    let mut found = Vec::new();
    tree(&outline.nodes[0], 0, &mut found);
    let expected = [
        "一、",
        "  首先，",
        "  其次，",
        "  最后，",
        "二、",
        "  （一）",
        "    1.",
        "    2.",
        "      一是",
        "      二是",
        "      三是",
        "      四是",
        "    3.",
        "  （二）",
        "    1.",
        "      （1）",
        "      （2）",
        "    2.",
        "  （三）",
        "    ——",
        "    ——",
        "    ——",
        "    ——",
        "    ——",
        "三、",
        "  一要",
        "  二要",
        "  三要",
    ];
    assert_eq!(found, expected);
}

/// (rule, 1-based line) of every finding a careful reader marks in each broken draft.
const BROKEN: &[(&str, &[(&str, usize)])] = &[
    (
        "01_placeholders_residue.txt",
        &[
            ("placeholder", 1),  // XX市
            ("placeholder", 1),  // 20xx年
            ("placeholder", 5),  // 20xx年
            ("placeholder", 5),  // XX书记
            ("placeholder", 9),  // ***亿元
            ("placeholder", 9),  // X%
            ("placeholder", 11), // **个
            ("placeholder", 11), // XX家
            ("residue", 11),     // - 2 -
            ("residue", 13),     // 本文档由…收集整理…www…
            ("placeholder", 17), // 第某某次
            ("placeholder", 19), // 【此处填写行动名称】
            ("residue", 27),     // 相关推荐
        ],
    ),
    (
        "02_sections_missing.txt",
        &[
            ("missing-salutation", 3),
            // A summary speech without its problems part: it belongs after 一、.
            ("missing-section", 5),
            ("empty-section", 17),
            ("missing-closing", 21),
        ],
    ),
    (
        "03_mixed.txt",
        &[
            ("salutation-format", 3), // 同志们:
            ("announced-count", 5),   // 三点意见, two sections
            ("stock-phrase-repeat", 9),
            ("stock-phrase-repeat", 9),
            ("stock-phrase-repeat", 9), // 进一步 ×4: the 2nd–4th
            // The announced third part (safeguards) never comes; `责任感` in 一、 is not it.
            ("missing-section", 11),
            ("numbering-gap", 13),     // 一是 … 三是
            ("repeated-sentence", 17), // pasted twice
        ],
    ),
];

#[test]
fn broken_drafts_give_exactly_the_expected_findings() {
    let paths = files("tests/fixtures/broken");
    assert_eq!(paths.len(), BROKEN.len(), "fixtures and table differ");
    for path in &paths {
        let file = name(path);
        let Some((_, expected)) = BROKEN.iter().find(|(n, _)| *n == file) else {
            panic!("{file}: no expected findings in BROKEN");
        };
        let (text, kind) = read(path);
        let analysis = analyze_with(&text, kind, &Config::default());
        let found: Vec<(&str, usize)> = analysis
            .findings
            .iter()
            .map(|f| (f.rule, line_of(&text, f.range.start)))
            .collect();
        let detail: Vec<(&str, usize, &str)> = analysis
            .findings
            .iter()
            .map(|f| (f.rule, line_of(&text, f.range.start), f.message.as_str()))
            .collect();
        assert_eq!(found, *expected, "{file}: {detail:#?}");
    }
}

/// The clean drafts are clean because the rules understand them, not because they avoid what
/// the rules look at: changed slightly, they are flagged.
#[test]
fn the_clean_drafts_exercise_the_rules() {
    let clean = |file: &str| read(&Path::new(ROOT).join("tests/fixtures/clean").join(file)).0;
    let rules_and_lines = |text: &str| -> Vec<(&'static str, usize)> {
        analyze_with(text, DocKind::Plain, &Config::default())
            .findings
            .iter()
            .map(|f| (f.rule, line_of(text, f.range.start)))
            .collect()
    };
    // Without its quotation marks, a document title cited twice is a repeated phrase.
    let unquoted: String = clean("09_quoted_formulations.txt")
        .chars()
        .filter(|c| !matches!(c, '《' | '》' | '“' | '”'))
        .collect();
    assert_eq!(rules_and_lines(&unquoted), [("repeated-phrase", 21)]);
    // Every announced count of the nested draft is checked.
    let miscounted = clean("05_nested_numbering.txt")
        .replace("我讲三点意见", "我讲四点意见")
        .replace("把握好三个关系", "把握好两个关系")
        .replace("抓好以下四个方面", "抓好以下五个方面")
        .replace("“五个到位”", "“六个到位”");
    assert_eq!(
        rules_and_lines(&miscounted),
        [
            ("announced-count", 5),
            ("announced-count", 9),
            ("announced-count", 23),
            ("announced-count", 39)
        ]
    );
    // The look-alikes sit next to real placeholders, which are found.
    let filled_in = clean("10_lookalikes.txt").replace("二〇二五年", "20XX年");
    assert_eq!(rules_and_lines(&filled_in), [("placeholder", 5)]);
}
