//! The outline of the real drafts in the shared corpus (read at test time, never copied).

#[path = "common/corpus.rs"]
mod corpus;

use jianggao::draft::{NodeKind, OutlineNode, Role};
use jianggao::{Config, DocKind, Draft};

fn parse(text: &str) -> Draft<'_> {
    Draft::parse(text, DocKind::Plain, &Config::default())
}

fn kinds(node: &OutlineNode) -> Vec<NodeKind> {
    node.children.iter().map(|c| c.kind).collect()
}

fn labels(nodes: &[OutlineNode]) -> Vec<String> {
    nodes
        .iter()
        .map(|n| format!("{}{}", n.ordinal.as_deref().unwrap_or(""), n.name))
        .collect()
}

#[test]
fn outline_of_002_is_title_salutation_opening_three_sections_closing() {
    let Some(text) = corpus::read("002_") else {
        return;
    };
    let draft = parse(&text);
    assert_eq!(draft.outline.nodes.len(), 1);
    let speech = &draft.outline.nodes[0];
    assert_eq!(
        kinds(speech),
        [
            NodeKind::Title,
            NodeKind::Salutation,
            NodeKind::Opening,
            NodeKind::Section,
            NodeKind::Section,
            NodeKind::Section,
            NodeKind::Closing
        ]
    );
    let c = &speech.children;
    assert_eq!(c[0].name, "办公室主任会议讲话");
    assert_eq!(c[1].name, "同志们：");
    assert_eq!(
        labels(&c[3..6]),
        [
            "一、思想认识要到位",
            "二、工作能力要提升",
            "三、综合素质要提高"
        ]
    );
    // Each section holds only its `一是…` leaves, in order.
    let items: Vec<Vec<String>> = c[3..6]
        .iter()
        .map(|s| {
            assert!(s.children.iter().all(|i| i.kind == NodeKind::Item));
            s.children
                .iter()
                .map(|i| i.ordinal.clone().unwrap_or_default())
                .collect()
        })
        .collect();
    assert_eq!(
        items,
        [
            vec!["一是", "二是", "三是"],
            vec!["一是", "二是", "三是", "四是", "五是"],
            vec!["一是要", "二是要", "三是要", "四是要"],
        ]
    );
    assert_eq!(
        c[4].children
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>(),
        [
            "提高统筹协调能力",
            "提高调查研究能力",
            "提高文字综合能力",
            "提高执行落实能力",
            "提高应急处置能力"
        ]
    );
    // Line numbers: title 1, salutation 2, opening 3, sections at 4, 6, 13, closing 19.
    let lines: Vec<usize> = c
        .iter()
        .map(|n| corpus::line_of(&text, n.range.start))
        .collect();
    assert_eq!(lines, [1, 2, 3, 4, 6, 13, 19]);
    // The model agrees with the outline.
    let model = &draft.speeches[0];
    assert_eq!(model.title, 0..1);
    assert_eq!(model.salutation, Some(1));
    assert_eq!(model.opening, 2..3);
    assert_eq!(model.closing, 18..19);
    assert_eq!(draft.sections.len(), 3);
    // Every spoken character is in the speech.
    let all: usize = draft.paragraphs.iter().map(|p| p.spoken_chars()).sum();
    assert_eq!(draft.outline.spoken_chars, all);
}

#[test]
fn compilation_001_yields_five_speeches_with_their_parts() {
    let Some(text) = corpus::read("001_") else {
        return;
    };
    let draft = parse(&text);
    let nodes = &draft.outline.nodes;
    assert_eq!(nodes.len(), 5);
    let ordinals: Vec<&str> = nodes.iter().filter_map(|n| n.ordinal.as_deref()).collect();
    assert_eq!(ordinals, ["篇一", "篇二", "篇三", "篇四", "篇五"]);
    // Separator lines (1-based): 7, 75, 173, 291, 407.
    let starts: Vec<usize> = nodes
        .iter()
        .map(|n| corpus::line_of(&text, n.range.start))
        .collect();
    assert_eq!(starts, [7, 75, 173, 291, 407]);
    // The compilation header and the site's blurb before 篇一 are residue: no paragraph at
    // all, so the first paragraph is 篇一's separator.
    assert_eq!(draft.paragraphs[0].role, Role::Separator);
    assert_eq!(draft.paragraphs[0].lines.start + 1, 7);
    // Salutations: 篇一 9, 篇二 81 (after a preamble), 篇三 175, 篇四 295; 篇五 has none.
    let salutations: Vec<Option<usize>> = draft
        .speeches
        .iter()
        .map(|s| {
            s.salutation
                .map(|p| corpus::line_of(&text, draft.paragraphs[p].range.start))
        })
        .collect();
    assert_eq!(salutations, [Some(9), Some(81), Some(175), Some(295), None]);
    // Closings: 篇一 (69–73) and 篇五 (503); 篇二, 篇三 and 篇四 are cut off.
    let closings: Vec<Option<(usize, usize)>> = draft
        .speeches
        .iter()
        .map(|s| {
            (!s.closing.is_empty()).then(|| {
                let first = &draft.paragraphs[s.closing.start];
                let last = &draft.paragraphs[s.closing.end - 1];
                (
                    corpus::line_of(&text, first.range.start),
                    corpus::line_of(&text, last.range.end),
                )
            })
        })
        .collect();
    // 篇二 ends `…新局面！` once the pagination line after it is known to be residue; 篇三 and
    // 篇四 are cut off.
    assert_eq!(
        closings,
        [
            Some((69, 73)),
            Some((169, 169)),
            None,
            None,
            Some((503, 503))
        ]
    );
    // Top-level sections per speech.
    let top: Vec<usize> = nodes
        .iter()
        .map(|n| {
            n.children
                .iter()
                .filter(|c| c.kind == NodeKind::Section)
                .count()
        })
        .collect();
    // 篇四 is 篇一 pasted again, followed by the start of 篇二: 一、二、一、.
    assert_eq!(top, [2, 2, 3, 3, 3]);
    // 篇三's third section nests （一）（二）（三） with 第一/第二, 首先/其次/第三, 第一/第二.
    let third = nodes[2]
        .children
        .iter()
        .filter(|c| c.kind == NodeKind::Section)
        .nth(2)
        .expect("三、 of 篇三");
    let subsections: Vec<Vec<&str>> = third
        .children
        .iter()
        .map(|s| {
            s.children
                .iter()
                .filter(|c| c.kind == NodeKind::Section)
                .filter_map(|c| c.ordinal.as_deref())
                .collect()
        })
        .collect();
    assert_eq!(
        subsections,
        [
            vec!["第一，", "第二，"],
            vec!["首先，", "其次，", "第三，"],
            vec!["第一，", "第二，"]
        ]
    );
}

#[test]
fn broken_lines_of_001_are_joined() {
    let Some(text) = corpus::read("001_") else {
        return;
    };
    let draft = parse(&text);
    let by_first_line = |line: usize| {
        draft
            .paragraphs
            .iter()
            .find(|p| p.lines.start + 1 == line)
            .map(|p| (p.lines.start + 1, p.lines.end))
    };
    // 篇一's first `一是` item is cut after line 17 and continues on line 19, past a blank line.
    assert_eq!(by_first_line(17), Some((17, 19)));
    assert_eq!(by_first_line(19), None);
    // A sentence cut after a comma (21 → 23) and a word cut in two in 篇五 (411 → 413).
    assert_eq!(by_first_line(21), Some((21, 23)));
    assert_eq!(by_first_line(411), Some((411, 413)));
    // 35 breaks in all; no heading, separator or residue line is swallowed. (The site's blurb
    // before 篇二, lines 77–79, is broken too, but it is residue, not a paragraph.)
    assert_eq!(
        draft
            .paragraphs
            .iter()
            .filter(|p| p.lines.len() > 1)
            .count(),
        35
    );
    // Headings are not joined to the text after them.
    assert_eq!(by_first_line(13), Some((13, 13)));
    assert_eq!(by_first_line(85), Some((85, 85)));
    // The joined text maps back to the source exactly: the halves meet across the break.
    let p = draft
        .paragraphs
        .iter()
        .find(|p| p.lines.start == 16)
        .expect("line 17");
    let pieces: Vec<_> = p.prose.source_ranges().collect();
    assert_eq!(pieces.len(), 2);
    assert_eq!(
        p.prose.text,
        format!("{}{}", &text[pieces[0].clone()], &text[pieces[1].clone()])
    );
}

#[test]
fn compilation_004_yields_five_speeches_with_site_text_outside() {
    let Some(text) = corpus::read("004_") else {
        return;
    };
    let draft = parse(&text);
    let nodes = &draft.outline.nodes;
    let ordinals: Vec<&str> = nodes.iter().filter_map(|n| n.ordinal.as_deref()).collect();
    assert_eq!(ordinals, ["第一篇", "第二篇", "第三篇", "第四篇", "第五篇"]);
    let starts: Vec<usize> = nodes
        .iter()
        .map(|n| corpus::line_of(&text, n.range.start))
        .collect();
    assert_eq!(starts, [4, 39, 72, 84, 98]);
    // The bookmark, the source line and the teaser before 第一篇 are residue, outside every
    // speech: no paragraph is left there.
    let outside: Vec<usize> = draft
        .paragraphs
        .iter()
        .filter(|p| p.role == Role::Outside)
        .map(|p| p.lines.start + 1)
        .collect();
    assert_eq!(outside, Vec::<usize>::new());
    assert_eq!(draft.paragraphs[0].lines.start + 1, 4);
    // Titles: the line after the separator, or the separator's own name (第三篇, 第四篇).
    let titles: Vec<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(titles[3], "秘书长办公室主任会议讲话");
    for (speech, title) in draft.speeches.iter().zip(&titles) {
        let in_title = speech
            .title
            .clone()
            .any(|i| draft.paragraphs[i].prose.text.contains(title));
        assert!(in_title, "{title}");
    }
    // Only 第一篇 has a salutation; 第五篇 opens without one.
    let salutations: Vec<bool> = draft
        .speeches
        .iter()
        .map(|s| s.salutation.is_some())
        .collect();
    assert_eq!(salutations, [true, false, false, false, false]);
    // Closings: 第一篇 (38) and 第二篇 (70–71, a closing broken across two lines); 第三篇 is
    // cut off mid-sentence. 第五篇's closing (109) is followed by a site notice that only the
    // residue detection removes, so it is not asserted here.
    let closing_lines: Vec<Option<usize>> = draft
        .speeches
        .iter()
        .take(3)
        .map(|s| (!s.closing.is_empty()).then(|| draft.paragraphs[s.closing.start].lines.start + 1))
        .collect();
    assert_eq!(closing_lines, [Some(38), Some(70), None]);
    let top: Vec<usize> = nodes
        .iter()
        .map(|n| {
            n.children
                .iter()
                .filter(|c| c.kind == NodeKind::Section)
                .count()
        })
        .collect();
    assert_eq!(top, [4, 3, 2, 4, 4]);
}
