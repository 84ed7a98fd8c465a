//! The `placeholder` rule on the real drafts in `../shared/corpus/`. The expected numbers were
//! counted by hand from the files (every X, x, ×, * and □ read in context) before the rule ran.

#[path = "common/corpus.rs"]
mod corpus;

use jianggao::{analyze_with, Config, DocKind};

/// A placeholder finding as a reader sees it: 1-based line, flagged text, message.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spot {
    line: usize,
    text: String,
    message: String,
    range: std::ops::Range<usize>,
}

fn placeholders(text: &str) -> Vec<Spot> {
    placeholders_as(text, DocKind::Plain)
}

fn placeholders_as(text: &str, kind: DocKind) -> Vec<Spot> {
    analyze_with(text, kind, &Config::default())
        .findings
        .into_iter()
        .filter(|f| f.rule == "placeholder")
        .map(|f| Spot {
            line: corpus::line_of(text, f.range.start),
            text: text[f.range.clone()].to_owned(),
            message: f.message,
            range: f.range,
        })
        .collect()
}

/// How many findings each line has, in line order.
fn per_line(spots: &[Spot]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for spot in spots {
        match out.last_mut() {
            Some((line, count)) if *line == spot.line => *count += 1,
            _ => out.push((spot.line, 1)),
        }
    }
    out
}

fn line_and_text(spots: &[Spot]) -> Vec<(usize, &str)> {
    spots.iter().map(|s| (s.line, s.text.as_str())).collect()
}

fn covered(spots: &[Spot], offset: usize) -> bool {
    spots.iter().any(|s| s.range.contains(&offset))
}

// 004 by hand: 82 runs of X (`XX省长`, `“XXXX”`, `XX、XX市`, `X个`, `XX名`, `XX月`, `20XX年`,
// `《XX政报》`, …) plus `feisuxs` in the site notice on line 97, which is a word, not a
// placeholder. Four document numbers hold 8 of those runs and are one finding each
// (`X政办发〔20XX〕41号` twice, `X政办字〔20XX〕XX号`, `国发〔20XX〕23号`): 82 − 8 + 4 = 78.
// Plus the closing `向建党周年献礼` on line 38, whose number was deleted: 79 in all.
#[test]
fn corpus_004_every_x_placeholder_once() {
    let Some(text) = corpus::read("004_") else {
        return;
    };
    let spots = placeholders(&text);

    assert_eq!(spots.len(), 79);
    let x_spots = spots.iter().filter(|s| s.text != "建党周年").count();
    assert_eq!(x_spots, 78);
    assert_eq!(
        per_line(&spots),
        [
            (7, 2),
            (9, 1),
            (10, 9),
            (11, 10),
            (12, 2),
            (13, 7),
            (16, 3),
            (17, 2),
            (18, 8),
            (20, 12),
            (23, 6),
            (26, 2),
            (27, 1),
            (29, 1),
            (33, 2),
            (37, 4),
            (38, 1),
            (102, 4),
            (104, 2),
        ]
    );

    let lines = line_and_text(&spots);
    for sample in [
        (7, "XX省长"),
        (7, "XX副省长"),
        (9, "XXXX"),
        (10, "XX市"),
        (10, "XX等地"),
        (16, "X政办发〔20XX〕41号"),
        (16, "20XX"),
        (16, "20XX年度"),
        (17, "XX月"),
        (17, "X政办字〔20XX〕XX号"),
        (18, "X个"),
        (18, "XX名"),
        (20, "XX同志"),
        (20, "X政办发〔20XX〕41号"),
        (23, "XX副省长"),
        (23, "XX人"),
        (27, "国发〔20XX〕23号"),
        (33, "20XX年"),
        (37, "XX政报"),
        (38, "建党周年"),
        (102, "XX日报"),
        (104, "X期"),
    ] {
        assert!(lines.contains(&sample), "missing {sample:?}");
    }
    // `林XX副省长`: the surname stays outside, the title names the kind.
    let lin = text.find("林XX副省长").expect("the corpus has 林XX副省长");
    let spot = spots
        .iter()
        .find(|s| s.range.start == lin + "林".len())
        .expect("林XX副省长 is flagged");
    assert_eq!(spot.text, "XX副省长");
    assert_eq!(spot.message, "未填写的占位符 “XX副省长”（职务/人名）");

    // Every X in the file that is not in `feisuxs` is covered by exactly one finding.
    for (offset, _) in text.match_indices(['X', 'x']) {
        let in_site_name = text[..offset].ends_with("feisu");
        let count = spots.iter().filter(|s| s.range.contains(&offset)).count();
        assert_eq!(
            count,
            usize::from(!in_site_name),
            "X at line {}",
            corpus::line_of(&text, offset)
        );
    }
    // Site residue (bookmark, source line, site notice, download notice) holds no placeholder.
    assert!(spots.iter().all(|s| ![1, 2, 3, 97, 110].contains(&s.line)));
    assert!(spots.iter().all(|s| !s.text.contains("feisuxs")));
}

// 001 by hand: `20xx年` ×14, `xx年` ×10, `xx大` ×2, `xx届` ×4, `**市` ×8, `来*考察` ×2,
// `已解决20xx件` ×2, `××××年` ×1 (speeches 一 and 四 are the same text, hence the pairs),
// and one `□` that stands for a lost character in `榜首□20xx年` (line 195): 44 findings.
#[test]
fn corpus_001_every_placeholder_and_no_abbreviation() {
    let Some(text) = corpus::read("001_") else {
        return;
    };
    let spots = placeholders(&text);

    assert_eq!(spots.len(), 44);
    let count = |flagged: &str| spots.iter().filter(|s| s.text == flagged).count();
    assert_eq!(count("20xx年"), 14);
    assert_eq!(count("xx年"), 10);
    assert_eq!(count("xx大"), 2);
    assert_eq!(count("xx届"), 4);
    assert_eq!(count("**市"), 8);
    assert_eq!(count("来*"), 2);
    assert_eq!(count("20xx件"), 2);
    assert_eq!(count("××××年"), 1);
    assert_eq!(count("□"), 1);

    for needle in ["20xx", "xx大", "xx届", "**市", "来*考察", "××××"] {
        let occurrences: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
        assert!(!occurrences.is_empty(), "{needle} is in the corpus");
        for offset in occurrences {
            // The placeholder itself: skip the leading 来 of 来*考察.
            let at = if needle.starts_with('来') {
                offset + "来".len()
            } else {
                offset
            };
            assert!(
                covered(&spots, at),
                "{needle} at line {}",
                corpus::line_of(&text, offset)
            );
        }
    }
    for word in ["brt", "gdp", "cod"] {
        let occurrences: Vec<usize> = text.match_indices(word).map(|(i, _)| i).collect();
        assert!(!occurrences.is_empty(), "{word} is in the corpus");
        for offset in occurrences {
            assert!(
                !covered(&spots, offset),
                "{word} at line {}",
                corpus::line_of(&text, offset)
            );
        }
    }

    let lines = line_and_text(&spots);
    for sample in [
        (11, "20xx年"),
        (19, "xx大"),
        (19, "xx届"),
        (27, "来*"),
        (49, "**市"),
        (83, "xx年"),
        (97, "20xx件"),
        (195, "□"),
        (195, "20xx年"),
        (425, "××××年"),
    ] {
        assert!(lines.contains(&sample), "missing {sample:?}");
    }
    let messages: Vec<&str> = spots
        .iter()
        .filter(|s| s.line == 19 || s.line == 27 || s.line == 97)
        .map(|s| s.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "未填写的占位符 “xx大”（数字/数量）",
            "未填写的占位符 “xx届”（数字/数量）",
            "未填写的占位符 “来*”（地名/单位）",
            "未填写的占位符 “20xx件”（数字/数量）",
        ]
    );
}

#[test]
fn corpus_002_has_no_placeholder() {
    let Some(text) = corpus::read("002_") else {
        return;
    };
    assert_eq!(placeholders(&text), []);
}

// A draft saved as `.md` holds the same blanks. The stars of `***区…***书记` pair up as bold
// italic in Markdown; before the Markdown reading knew that, pages/b04 (15 star placeholders,
// 14 of them paired so) reported 1.
#[test]
fn every_draft_read_as_markdown_has_the_same_placeholders() {
    let Some(dir) = corpus::dir() else {
        eprintln!("corpus not found; skipping");
        return;
    };
    let mut files: Vec<std::path::PathBuf> = [dir.clone(), dir.join("pages")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flat_map(|entries| entries.flatten().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "{} drafts", files.len());
    let mut b04 = None;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let plain = placeholders_as(&text, DocKind::Plain);
        assert_eq!(
            placeholders_as(&text, DocKind::Markdown),
            plain,
            "{}",
            file.display()
        );
        if file.ends_with("pages/b04.txt") {
            b04 = Some(plain);
        }
    }
    let b04 = b04.expect("pages/b04.txt is in the corpus");
    assert_eq!(b04.len(), 15);
    assert!(b04.iter().all(|s| s.text.starts_with("***")), "{b04:?}");
}
