//! The outline of a draft: the tree shown in the editor's outline view, as folding ranges and
//! by `jianggao outline`. Owned data with byte ranges, so it outlives the parsed draft.

use std::ops::Range;

use std::collections::HashMap;

use super::ordinal::{Ordinal, Scheme};
use super::sequence::{Sequence, SequenceKind};
#[cfg(test)]
use super::speech::Role;
use super::speech::{Section, SectionMarker, Speech};
use super::{is_padding, spoken_chars, Paragraph};

/// What part of a speech a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// One speech of a compilation (or the whole draft when it holds one speech).
    Speech,
    Title,
    Salutation,
    Opening,
    /// A numbered or headed body section.
    Section,
    /// An inline enumeration item (`一是…`), a leaf under its section.
    Item,
    Closing,
}

/// One node of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineNode {
    pub kind: NodeKind,
    /// Heading text without its ordinal (`思想认识要到位`), or a label such as `称呼`.
    pub name: String,
    /// The ordinal as written (`（二）`, `一是`), if any.
    pub ordinal: Option<String>,
    /// The whole node, heading through its last paragraph.
    pub range: Range<usize>,
    /// The heading (or first line) only; inside `range`.
    pub selection_range: Range<usize>,
    /// Spoken characters in the node (no punctuation, no residue), for the time estimate.
    pub spoken_chars: usize,
    /// A speech node's kind (`党课`, `主持词`) and how it was found; `None` elsewhere.
    pub speech_kind: Option<super::kind::Kind>,
    pub children: Vec<OutlineNode>,
}

/// The outline of a whole draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// One `Speech` node per speech: `nodes[i]` is [`super::Draft::speeches`]`[i]`.
    pub nodes: Vec<OutlineNode>,
    /// Spoken characters in the whole draft.
    pub spoken_chars: usize,
    /// Characters per minute the times are estimated with.
    pub chars_per_minute: u32,
}

impl Outline {
    /// Estimated speaking time in minutes, rounded to the nearest minute.
    pub fn minutes(&self, spoken_chars: usize) -> u32 {
        if self.chars_per_minute == 0 {
            return 0;
        }
        let rate = self.chars_per_minute as usize;
        ((spoken_chars + rate / 2) / rate) as u32
    }

    /// The speaking time as a writer reads it: `约 3 分钟`, or `不足 1 分钟` for a short part
    /// (a salutation is not a minute long).
    pub fn speaking_time(&self, spoken_chars: usize) -> String {
        match self.minutes(spoken_chars) {
            0 => "不足 1 分钟".to_owned(),
            minutes => format!("约 {minutes} 分钟"),
        }
    }
}

impl OutlineNode {
    fn new(kind: NodeKind, name: String, range: Range<usize>) -> OutlineNode {
        OutlineNode {
            kind,
            name,
            ordinal: None,
            selection_range: range.clone(),
            range,
            spoken_chars: 0,
            speech_kind: None,
            children: Vec::new(),
        }
    }
}

/// Builds the outline tree from the analysed paragraphs, speeches and sections.
pub fn build(
    paragraphs: &[Paragraph],
    speeches: &[Speech],
    sections: &[Section],
    sequences: &[Sequence],
    chars_per_minute: u32,
) -> Outline {
    let spoken: Vec<usize> = paragraphs.iter().map(Paragraph::spoken_chars).collect();
    // Where each inline item's list is nested: (paragraph, marker start) → the parent item's.
    let mut parents: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    for s in sequences.iter().filter(|s| s.kind == SequenceKind::Inline) {
        let Some((list, item)) = s.parent else {
            continue;
        };
        let Some(parent) = sequences.get(list).and_then(|l| l.members.get(item)) else {
            continue;
        };
        for m in &s.members {
            parents.insert(
                (m.paragraph, m.ordinal.written.start),
                (parent.paragraph, parent.ordinal.written.start),
            );
        }
    }
    let builder = Builder {
        paragraphs,
        sections,
        spoken: &spoken,
        parents: &parents,
    };
    let nodes: Vec<OutlineNode> = speeches.iter().map(|s| builder.speech(s)).collect();
    Outline {
        spoken_chars: nodes.iter().map(|n| n.spoken_chars).sum(),
        nodes,
        chars_per_minute,
    }
}

struct Builder<'a> {
    paragraphs: &'a [Paragraph],
    sections: &'a [Section],
    spoken: &'a [usize],
    /// Inline items nested in another item, by (paragraph, marker start).
    parents: &'a HashMap<(usize, usize), (usize, usize)>,
}

impl Builder<'_> {
    /// Source range from the first to the last of `range`'s paragraphs.
    fn span(&self, range: Range<usize>) -> Range<usize> {
        match (self.paragraphs.get(range.start), range.end.checked_sub(1)) {
            (Some(first), Some(last)) if range.start < range.end => {
                first.range.start..self.paragraphs[last].range.end
            }
            _ => 0..0,
        }
    }

    fn spoken(&self, range: Range<usize>) -> usize {
        self.spoken.get(range).map_or(0, |s| s.iter().sum())
    }

    /// A node covering whole paragraphs.
    fn block(&self, kind: NodeKind, name: String, range: Range<usize>) -> OutlineNode {
        let mut node = OutlineNode::new(kind, name, self.span(range.clone()));
        node.selection_range = self.span(range.start..range.start + 1);
        node.spoken_chars = self.spoken(range);
        node
    }

    fn text(&self, index: usize) -> &str {
        self.paragraphs[index].prose.text.trim_matches(is_padding)
    }

    fn speech(&self, speech: &Speech) -> OutlineNode {
        let title_line = speech
            .title
            .clone()
            .find(|&i| speech.separator.as_ref().is_none_or(|(s, _)| *s != i));
        let marker_name = speech.separator.as_ref().and_then(|(i, m)| {
            let name = self.paragraphs[*i].prose.text.get(m.name.clone())?;
            (!name.is_empty()).then(|| name.to_owned())
        });
        let name = title_line
            .map(|i| self.text(i).to_owned())
            .or(marker_name)
            .or_else(|| speech.label.clone())
            .unwrap_or_else(|| "讲稿".to_owned());
        let counted = match &speech.separator {
            Some((s, _)) => s + 1..speech.paragraphs.end,
            None => speech.paragraphs.clone(),
        };
        let mut node = self.block(NodeKind::Speech, name.clone(), speech.paragraphs.clone());
        node.spoken_chars = self.spoken(counted);
        node.speech_kind = speech.kind.clone();
        if let Some((i, m)) = &speech.separator {
            node.ordinal = self.paragraphs[*i]
                .prose
                .text
                .get(m.written.clone())
                .map(str::to_owned);
        }
        if !speech.title.is_empty() {
            let mut title = self.block(NodeKind::Title, name, speech.title.clone());
            if let Some(i) = title_line {
                title.selection_range = self.span(i..i + 1);
            }
            node.children.push(title);
        }
        if !speech.preamble.is_empty() {
            let mut preamble = self.block(
                NodeKind::Opening,
                "开头".to_owned(),
                speech.preamble.clone(),
            );
            preamble.children = self.items(speech.preamble.clone());
            node.children.push(preamble);
        }
        if let Some(s) = speech.salutation {
            node.children
                .push(self.block(NodeKind::Salutation, self.text(s).to_owned(), s..s + 1));
        }
        if !speech.opening.is_empty() {
            let mut opening =
                self.block(NodeKind::Opening, "开头".to_owned(), speech.opening.clone());
            opening.children = self.items(speech.opening.clone());
            node.children.push(opening);
        }
        for index in speech.sections.clone() {
            if self.sections[index].parent.is_none() {
                node.children.push(self.section(index));
            }
        }
        if !speech.closing.is_empty() {
            node.children.push(self.block(
                NodeKind::Closing,
                "结尾".to_owned(),
                speech.closing.clone(),
            ));
        }
        node
    }

    fn section(&self, index: usize) -> OutlineNode {
        let section = &self.sections[index];
        let heading = &self.paragraphs[section.heading];
        let prose = &heading.prose;
        let name = prose
            .text
            .get(section.name.clone())
            .unwrap_or("")
            .to_owned();
        let mut node = self.block(NodeKind::Section, name, section.paragraphs.clone());
        let selection_start = match (&heading.ordinal, section.marker) {
            (Some(h), SectionMarker::Ordinal(scheme)) => {
                // `第一，`/`首先，` read with their comma; `（一）` without stray punctuation.
                let end = match (&h.ordinal.punct, scheme) {
                    (Some(p), Scheme::Leading | Scheme::Sequence) => p.end,
                    _ => h.ordinal.written.end,
                };
                node.ordinal = prose
                    .text
                    .get(h.ordinal.written.start..end)
                    .map(str::to_owned);
                h.ordinal.written.start
            }
            _ => section.name.start,
        };
        node.selection_range =
            prose.source_range(selection_start..section.name.end.max(selection_start));
        // Children: subsections, and the items of paragraphs not inside a subsection.
        let subsections: Vec<usize> = (index + 1..self.sections.len())
            .take_while(|&j| self.sections[j].heading < section.paragraphs.end)
            .filter(|&j| self.sections[j].parent == Some(index))
            .collect();
        let mut next_sub = subsections.iter().peekable();
        let mut i = section.heading;
        let mut run = i;
        while i < section.paragraphs.end {
            match next_sub.peek() {
                Some(&&j) if self.sections[j].heading == i => {
                    node.children.extend(self.items(run..i));
                    node.children.push(self.section(j));
                    i = self.sections[j].paragraphs.end;
                    run = i;
                    next_sub.next();
                }
                _ => i += 1,
            }
        }
        node.children
            .extend(self.items(run..i.min(section.paragraphs.end)));
        node
    }

    /// Item nodes for the inline enumerations (`一是…`) and dash lines of paragraphs, nested
    /// as their lists are (`一是要…` under `一要…`).
    fn items(&self, range: Range<usize>) -> Vec<OutlineNode> {
        let mut nodes: Vec<OutlineNode> = Vec::new();
        if self.parents.is_empty() {
            for index in range {
                nodes.extend(self.paragraph_items(index));
            }
            return nodes;
        }
        let mut keys: Vec<Option<(usize, usize)>> = Vec::new();
        for index in range {
            let before = nodes.len();
            nodes.extend(self.paragraph_items(index));
            for node in &nodes[before..] {
                let start = node.ordinal.as_ref().map(|_| node.range.start);
                let p = &self.paragraphs[index];
                // Keyed by the marker's prose offset, as the lists know it.
                let key = start.and_then(|_| {
                    p.items
                        .iter()
                        .find(|o| p.prose.source_range(o.written.clone()).start == node.range.start)
                        .map(|o| (index, o.written.start))
                });
                keys.push(key);
            }
        }
        // Attach each item to its parent item, last first so that ranges and times grow
        // from the leaves up.
        let position: HashMap<(usize, usize), usize> = keys
            .iter()
            .enumerate()
            .filter_map(|(k, key)| key.map(|key| (key, k)))
            .collect();
        let parent_of: Vec<Option<usize>> = keys
            .iter()
            .enumerate()
            .map(|(k, key)| {
                let parent = self.parents.get(&(*key)?)?;
                position.get(parent).copied().filter(|&p| p < k)
            })
            .collect();
        let mut slots: Vec<Option<OutlineNode>> = nodes.into_iter().map(Some).collect();
        let mut roots = Vec::new();
        for k in (0..slots.len()).rev() {
            let node = slots[k].take().expect("each node once");
            match parent_of[k] {
                Some(p) => {
                    let parent = slots[p].as_mut().expect("parents come first");
                    parent.range.end = parent.range.end.max(node.range.end);
                    parent.spoken_chars += node.spoken_chars;
                    parent.children.insert(0, node);
                }
                None => roots.insert(0, node),
            }
        }
        roots
    }

    /// The item nodes of one paragraph, flat.
    fn paragraph_items(&self, index: usize) -> Vec<OutlineNode> {
        let mut out = Vec::new();
        for p in &self.paragraphs[index..index + 1] {
            let prose = &p.prose;
            if let Some(h) = p
                .ordinal
                .as_ref()
                .filter(|h| h.ordinal.scheme == Scheme::Dash)
            {
                let mut node = OutlineNode::new(
                    NodeKind::Item,
                    clip(&prose.text[h.text.clone()]).to_owned(),
                    p.range.clone(),
                );
                node.ordinal = Some("——".to_owned());
                node.selection_range = prose.source_range(h.ordinal.written.start..h.text.end);
                node.spoken_chars = spoken_chars(&prose.text);
                out.push(node);
                continue;
            }
            let markers: Vec<&Ordinal> = p
                .items
                .iter()
                .filter(|o| matches!(o.scheme, Scheme::Inline(_)))
                .collect();
            for (k, o) in markers.iter().enumerate() {
                let end = markers
                    .get(k + 1)
                    .map_or(prose.text.len(), |n| n.written.start);
                let after = o.punct.as_ref().map_or(o.written.end, |p| p.end);
                let item_text = prose.text.get(after..end).unwrap_or("");
                let name = clip(item_text);
                let name_end = after + name.len();
                let mut node = OutlineNode::new(
                    NodeKind::Item,
                    name.trim_matches(is_padding).to_owned(),
                    prose.source_range(o.written.start..end),
                );
                node.ordinal = prose.text.get(o.written.clone()).map(str::to_owned);
                node.selection_range = prose.source_range(o.written.start..name_end);
                node.spoken_chars =
                    spoken_chars(prose.text.get(o.written.start..end).unwrap_or(""));
                out.push(node);
            }
        }
        out
    }
}

/// An item's name: its first sentence, or its first clause when the sentence is long.
fn clip(text: &str) -> &str {
    let sentence = text
        .find(['。', '！', '？', '；', '!', '?', ';'])
        .map_or(text, |i| &text[..i]);
    let name = if sentence.chars().count() <= 25 {
        sentence
    } else {
        match sentence.find(['，', ',', '：', ':']) {
            Some(i) if i > 0 => &sentence[..i],
            _ => sentence,
        }
    };
    name.trim_end_matches(|c: char| is_padding(c) || "，,、：:；;".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::draft::{DocKind, Draft};

    /// The tree as `kind ordinal name` lines, indented by depth.
    fn shape(outline: &Outline) -> Vec<String> {
        fn walk(node: &OutlineNode, depth: usize, out: &mut Vec<String>) {
            out.push(format!(
                "{}{:?} {}{}",
                "  ".repeat(depth),
                node.kind,
                node.ordinal.as_deref().unwrap_or(""),
                node.name
            ));
            for child in &node.children {
                walk(child, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        for node in &outline.nodes {
            walk(node, 0, &mut out);
        }
        out
    }

    const PLAIN: &str = "关于做好全年工作的讲话
——在全县工作会议上的讲话
县长　王某某
（2024年2月9日）

同志们：

今天召开全县工作会议，主要任务是总结去年工作、部署今年任务。

全年工作简要回顾

去年，我们克服困难，完成了主要目标任务。

一、统一思想，提高认识

（一）擦亮了三个窗口。一是擦亮了政务窗口，二是擦亮了服务窗口，三是擦亮了信息窗口。

（二）明确任务

1.抓好项目建设。

2.抓好民生保障。

二、突出重点，狠抓落实

第一，要抓好经济运行。

第二，要抓好安全生产。

——确保不发生重大事故。

——确保社会大局稳定。

同志们，任务艰巨，让我们团结一心，为完成全年目标而努力奋斗！

谢谢大家！
";

    #[test]
    fn every_part_of_a_plain_text_speech() {
        let draft = Draft::parse(PLAIN, DocKind::Plain, &Config::default());
        assert_eq!(
            shape(&draft.outline),
            [
                "Speech 关于做好全年工作的讲话",
                "  Title 关于做好全年工作的讲话",
                "  Salutation 同志们：",
                "  Opening 开头",
                "  Section 全年工作简要回顾",
                "  Section 一、统一思想，提高认识",
                "    Section （一）擦亮了三个窗口",
                "      Item 一是擦亮了政务窗口",
                "      Item 二是擦亮了服务窗口",
                "      Item 三是擦亮了信息窗口",
                "    Section （二）明确任务",
                "      Section 1.抓好项目建设",
                "      Section 2.抓好民生保障",
                "  Section 二、突出重点，狠抓落实",
                "    Section 第一，要抓好经济运行",
                "    Section 第二，要抓好安全生产",
                "      Item ——确保不发生重大事故",
                "      Item ——确保社会大局稳定",
                "  Closing 结尾",
            ]
        );
        let speech = &draft.speeches[0];
        assert_eq!(speech.title, 0..4);
        assert_eq!(speech.salutation, Some(4));
        assert_eq!(speech.opening, 5..6);
        assert_eq!(speech.closing, 18..20);
        assert_eq!(draft.speech_title(speech), Some("关于做好全年工作的讲话"));
        // Paragraph 11 (`1.抓好项目建设。`) is in section 4 (`1.`) under `（二）` under `一、`.
        let innermost = draft.section_of(11).map(|i| &draft.sections[i]);
        assert_eq!(
            innermost.map(|s| draft.section_name(s)),
            Some("抓好项目建设")
        );
        assert_eq!(innermost.map(|s| (s.depth, s.parent)), Some((2, Some(3))));
        assert_eq!(draft.section_of(5), None);
        assert!(draft.speech_of(5).is_some());
        let empty: Vec<&str> = draft
            .sections
            .iter()
            .filter(|s| draft.section_is_empty(s))
            .map(|s| draft.section_name(s))
            .collect();
        assert_eq!(empty, [] as [&str; 0]);
        assert_eq!(speech.sections, 0..9);
        let roles: Vec<Role> = draft.paragraphs.iter().map(|p| p.role).collect();
        assert_eq!(
            roles[..8],
            [
                Role::Title,
                Role::Title,
                Role::Title,
                Role::Title,
                Role::Salutation,
                Role::Opening,
                Role::Heading,
                Role::Body,
            ]
        );
        // Ranges: the section runs from its heading to its last paragraph; the selection is
        // the heading up to the first full stop.
        let section = &draft.outline.nodes[0].children[4].children[0];
        assert_eq!(
            &PLAIN[section.selection_range.clone()],
            "（一）擦亮了三个窗口"
        );
        assert!(PLAIN[section.range.clone()].ends_with("三是擦亮了信息窗口。"));
        let item = &section.children[1];
        assert_eq!(&PLAIN[item.selection_range.clone()], "二是擦亮了服务窗口");
        assert_eq!(&PLAIN[item.range.clone()], "二是擦亮了服务窗口，");
        assert_eq!(item.spoken_chars, 9);
        // Spoken characters: everything in the speech, no punctuation.
        let total: usize = draft.paragraphs.iter().map(|p| p.spoken_chars()).sum();
        assert_eq!(draft.outline.spoken_chars, total);
        assert_eq!(draft.outline.nodes[0].spoken_chars, total);
    }

    #[test]
    fn every_part_of_a_markdown_speech() {
        let text = "# 关于做好全年工作的讲话\n\n同志们：\n\n今天召开会议。\n\n## 一、统一思想\n\n一是提高站位，二是强化担当。\n\n### （一）明确目标\n\n要明确目标。\n\n## 形势与任务\n\n要狠抓落实。\n\n```\n不是正文\n```\n\n同志们，让我们共同努力！\n";
        let draft = Draft::parse(text, DocKind::Markdown, &Config::default());
        assert_eq!(
            shape(&draft.outline),
            [
                "Speech 关于做好全年工作的讲话",
                "  Title 关于做好全年工作的讲话",
                "  Salutation 同志们：",
                "  Opening 开头",
                "  Section 一、统一思想",
                "    Item 一是提高站位",
                "    Item 二是强化担当",
                "    Section （一）明确目标",
                "  Section 形势与任务",
                "  Closing 结尾",
            ]
        );
        assert_eq!(draft.sections[1].rank, 3);
        assert_eq!(draft.sections[2].marker, SectionMarker::Markdown(2));
        assert_eq!(draft.sections[1].parent, Some(0));
        // `# 一、…` is a section, not a title.
        let draft = Draft::parse(
            "# 一、总体要求\n\n要高度重视。\n",
            DocKind::Markdown,
            &Config::default(),
        );
        assert_eq!(
            shape(&draft.outline),
            ["Speech 讲稿", "  Section 一、总体要求"]
        );
    }

    #[test]
    fn a_compilation_has_one_node_per_speech_and_site_text_outside() {
        let text = "办公室工作讲话（精选两篇）\n本文汇编两篇办公室工作讲话\n办公室工作讲话篇一\n同志们：\n今天开会。\n一、统一思想\n要统一思想。\n谢谢大家！\n办公室工作讲话篇二\n第二篇开头没有称呼。\n一、提高能力\n要提高能力。\n";
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        assert_eq!(
            shape(&draft.outline),
            [
                "Speech 篇一办公室工作讲话",
                "  Title 办公室工作讲话",
                "  Salutation 同志们：",
                "  Opening 开头",
                "  Section 一、统一思想",
                "  Closing 结尾",
                "Speech 篇二办公室工作讲话",
                "  Title 办公室工作讲话",
                "  Opening 开头",
                "  Section 一、提高能力",
            ]
        );
        assert_eq!(draft.paragraphs[0].role, Role::Outside);
        assert_eq!(draft.paragraphs[1].role, Role::Outside);
        assert_eq!(draft.paragraphs[2].role, Role::Separator);
        let second = &draft.speeches[1];
        assert_eq!(second.salutation, None);
        assert_eq!(second.closing, 12..12);
        assert_eq!(draft.speech_title(second), Some("办公室工作讲话"));
        // Site text outside the speeches is not spoken.
        let outside = draft.paragraphs[0].spoken_chars() + draft.paragraphs[1].spoken_chars();
        let all: usize = draft.paragraphs.iter().map(|p| p.spoken_chars()).sum();
        let separators = draft.paragraphs[2].spoken_chars() + draft.paragraphs[8].spoken_chars();
        assert_eq!(draft.outline.spoken_chars, all - outside - separators);
    }

    #[test]
    fn a_last_point_is_not_a_closing_and_lone_leading_ordinals_are_not_sections() {
        let text = "同志们：\n首先，我代表县委向大家表示感谢。\n一、抓好落实\n要抓好落实。\n最后，我再强调一下安全生产工作。\n同志们，让我们共同努力！\n";
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        assert_eq!(
            shape(&draft.outline),
            [
                "Speech 讲稿",
                "  Salutation 同志们：",
                "  Opening 开头",
                "  Section 一、抓好落实",
                "  Closing 结尾",
            ]
        );
        assert_eq!(draft.speeches[0].closing, 5..6);
        assert_eq!(draft.paragraphs[4].role, Role::Body);
    }

    #[test]
    fn empty_sections() {
        let text = "同志们：\n今天开会。\n一、总体要求\n二、具体任务\n1.抓好项目建设。\n（一）保障措施\n三、工作要求\n";
        let draft = Draft::parse(text, DocKind::Plain, &Config::default());
        let empty: Vec<&str> = draft
            .sections
            .iter()
            .filter(|s| draft.section_is_empty(s))
            .map(|s| draft.section_name(s))
            .collect();
        assert_eq!(empty, ["总体要求", "保障措施", "工作要求"]);
    }

    #[test]
    fn empty_and_odd_drafts_do_not_panic() {
        for text in [
            "",
            "\n\n",
            "一、",
            "同志们：",
            "——",
            "篇一",
            "\u{1F600}一、标题\n（一）",
        ] {
            for kind in [DocKind::Plain, DocKind::Markdown] {
                let _ = Draft::parse(text, kind, &Config::default());
            }
        }
        let draft = Draft::parse("", DocKind::Plain, &Config::default());
        assert_eq!(draft.outline.nodes, []);
    }
}
