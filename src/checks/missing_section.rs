//! `missing-section`: a part that the speech's kind requires (a summary speech's problems, a
//! work meeting's safeguards…) is absent. Kinds and their parts are data
//! (`data/speech_kinds.toml`, extended in jianggao.toml).

use serde::Deserialize;

use super::skeleton::{head, line_end, line_start, paragraph_break, subject};
use super::{typed_options, Check, Context, Rule};
use crate::draft::kind::{self, KindSource, Part, SpeechKind};
use crate::draft::ordinal::Scheme;
use crate::draft::{is_padding, Draft, SectionMarker, Speech};
use crate::finding::{Edit, Finding, Fix, Severity};

pub struct MissingSection;

static RULES: &[Rule] = &[Rule {
    code: "missing-section",
    default_severity: Severity::Warning,
    summary: "讲话缺少其类型应有的部分（如总结讲话缺少问题不足）",
    docs: "## 说明\n\n不同类型的讲话有听众期待的固定部分。内置类型：\n\n\
- 总结表彰：回顾成绩、问题不足、部署安排；\n\
- 工作会议（动员部署）：意义认识、任务举措、保障落实；\n\
- 交流发言：做法、成效、体会或打算。\n\n\
讲话类型取自 `jianggao.toml` 的 `[draft] kind`、Markdown 文首的 `kind: 总结表彰`，或从标题推断（标题含“总结表彰会”即为总结表彰）；\
不知道类型时本规则不报告。小标题（或段落首句）含有某部分的关键词即视为该部分存在，\
例如段落中“在肯定成绩的同时，也要清醒地看到差距”就算讲了问题不足。\n\n\
## 为什么\n\n总结讲话只讲成绩不讲问题，听众会觉得报喜不报忧；部署讲话没有保障措施，任务就难以落实。\n\n\
## 示例\n\n```text\n在年度总结表彰会上的讲话\n一、回顾一年来的成绩\n二、明年的工作安排\n```\n\n## 修改后\n\n\
```text\n一、回顾一年来的成绩\n二、正视存在的问题和不足\n三、明年的工作安排\n```\n\n\
快速修复会按讲稿原有的序号格式插入 `二、【待补：问题不足】` 并顺延后面的序号。\n\n\
## 选项\n\n- `kinds`：自定义或覆盖讲话类型，每项有 `name`、`aliases`、`title-keywords` 和 `parts`\
（每部分 `name`、`keywords`、`why`）。与内置类型同名时替换内置类型。\n",
    tally: None,
    fix_all_title: None,
    validate_options: typed_options::<MissingSectionOptions>,
}];

/// `[rules.missing-section]` options.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct MissingSectionOptions {
    pub kinds: Vec<SpeechKind>,
}

impl Check for MissingSection {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let options: MissingSectionOptions = cx.config.rule_options("missing-section");
        let kinds = kinds(&options);
        let draft = cx.draft;
        for speech in &draft.speeches {
            // A speech cut off by the end of the draft may have its parts past the cut.
            if speech.truncated {
                continue;
            }
            // Only a kind the writer declared or the title names: a kind guessed from the
            // content is not sure enough to ask for parts.
            let kind = match &speech.kind {
                Some(k) if k.source == KindSource::Declared => {
                    kinds.iter().copied().find(|kind| kind.answers_to(&k.name))
                }
                _ => kind::from_title(&draft.paragraphs, speech, &kinds, false),
            };
            if let Some(kind) = kind.filter(|k| !k.parts.is_empty()) {
                check_speech(draft, speech, kind, out);
            }
        }
    }
}

/// Built-in kinds, with the user's kinds replacing same-named ones and added after.
fn kinds(options: &MissingSectionOptions) -> Vec<&SpeechKind> {
    let mut kinds: Vec<&SpeechKind> = kind::KINDS
        .iter()
        .filter(|k| !options.kinds.iter().any(|u| u.name == k.name))
        .collect();
    kinds.extend(options.kinds.iter());
    kinds
}

/// Where a part was found: the index (among the speech's top-level sections) of the section
/// it is in, or `None` when it is in the opening.
type Location = Option<usize>;

fn check_speech(draft: &Draft<'_>, speech: &Speech, kind: &SpeechKind, out: &mut Vec<Finding>) {
    let top: Vec<usize> = speech
        .sections
        .clone()
        .filter(|&s| draft.sections[s].depth == 0)
        .collect();
    let found: Vec<Option<Location>> = kind
        .parts
        .iter()
        .map(|part| locate(draft, speech, &top, part))
        .collect();
    let names: Vec<&str> = kind.parts.iter().map(|p| p.name.as_str()).collect();
    for (k, part) in kind.parts.iter().enumerate() {
        if found[k].is_some() {
            continue;
        }
        // It belongs after the nearest earlier part that is present.
        let after: Option<usize> = found[..k].iter().rev().flatten().next().copied().flatten();
        let anchor = match after {
            Some(t) => draft.sections[top[t]].heading,
            None => top
                .first()
                .map(|&s| draft.sections[s].heading)
                .unwrap_or(speech.title.start.max(speech.paragraphs.start)),
        };
        let why = if part.why.is_empty() {
            String::new()
        } else {
            format!("，听众需要知道{}", part.why)
        };
        let mut finding = Finding::new(
            "missing-section",
            head(draft, anchor),
            format!(
                "{}缺少“{}”部分：{}类讲话一般包括{}{why}",
                subject(draft, speech),
                part.name,
                kind.name,
                names.join("、"),
            ),
        );
        let position = after.map_or(0, |t| t + 1);
        if let Some(fix) = insert_section(draft, speech, &top, position, &part.name) {
            finding = finding.with_fix(fix);
        }
        out.push(finding);
    }
}

/// Finds a part: first in section headings (any depth), then in paragraphs' first sentences.
fn locate(draft: &Draft<'_>, speech: &Speech, top: &[usize], part: &Part) -> Option<Location> {
    // `责任感`, `责任心` name a feeling (an 认识 heading says `增强…责任感`), not the part
    // whose keyword they contain (保障落实's `责任`).
    let matches = |text: &str| {
        part.has_keyword(text)
            && part.keywords.iter().any(|k| {
                text.match_indices(k.as_str())
                    .any(|(at, _)| !text[at + k.len()..].starts_with(['感', '心']))
            })
    };
    let top_of = |paragraph: usize| -> Location {
        top.iter()
            .position(|&s| draft.sections[s].paragraphs.contains(&paragraph))
    };
    // A heading that starts with one of the part's verbs (`实施道路改造工程` is a measure).
    let acts = |name: &str| {
        let name = name.trim_start_matches(is_padding);
        part.heading_verbs
            .iter()
            .any(|v| name.starts_with(v.as_str()))
    };
    for s in speech.sections.clone() {
        let section = &draft.sections[s];
        let name = draft.section_name(section);
        if matches(name) || acts(name) {
            return Some(top_of(section.heading));
        }
    }
    let content = speech.opening.start..speech.closing.start.max(speech.opening.start);
    for i in content.clone() {
        let text = &draft.paragraphs[i].prose.text;
        let end = text.find(['。', '！', '？', '；']).unwrap_or(text.len());
        if matches(&text[..end]) {
            return Some(top_of(i));
        }
    }
    // A paragraph that says what the part is about (`…得到完善，功能进一步增强`): two of
    // its cue words in one sentence.
    if !part.cues.is_empty() {
        for i in content {
            let text = &draft.paragraphs[i].prose.text;
            let said = text.split(['。', '！', '？', '；']).any(|sentence| {
                part.cues
                    .iter()
                    .filter(|c| sentence.contains(c.as_str()))
                    .count()
                    >= 2
            });
            if said {
                return Some(top_of(i));
            }
        }
    }
    None
}

/// Inserts `X、【待补：part】` as the top-level section at `position`, in the style of the
/// speech's top-level headings, renumbering the sections after it.
fn insert_section(
    draft: &Draft<'_>,
    speech: &Speech,
    top: &[usize],
    position: usize,
    part: &str,
) -> Option<Fix> {
    let model = draft.sections.get(*top.first()?)?;
    let heading = draft.paragraphs.get(model.heading)?;
    let ordinal = &heading.ordinal.as_ref()?.ordinal;
    let SectionMarker::Ordinal(scheme) = model.marker else {
        return None;
    };
    if !scheme.is_heading() {
        return None;
    }
    let chinese = matches!(
        scheme,
        Scheme::Chinese | Scheme::ParenChinese | Scheme::Part
    );
    let numeral_source = heading.prose.source_range(ordinal.numeral.clone());
    let marker_end = heading
        .prose
        .source_range(ordinal.punct.clone().unwrap_or(ordinal.written.clone()))
        .end;
    // Everything from the line start to the numeral (`## `, `（`) and from the numeral to the
    // end of the marker (`、`, `）`) is copied from the model heading.
    let line = line_start(draft, model.heading);
    let prefix = draft
        .text
        .get(line..numeral_source.start)?
        .trim_start_matches(is_padding);
    let indent = draft.text.get(line..numeral_source.start)?;
    let indent = &indent[..indent.len() - prefix.len()];
    let suffix = draft.text.get(numeral_source.end..marker_end)?;
    let value = position as u32 + 1;
    let heading_text = format!(
        "{indent}{prefix}{}{suffix}【待补：{part}】",
        numeral(value, chinese)
    );
    let gap = paragraph_break(draft, speech);
    let mut edits = Vec::new();
    match top.get(position) {
        Some(&next) => {
            let at = line_start(draft, draft.sections[next].heading);
            edits.push(Edit::insert(at, format!("{heading_text}{gap}")));
        }
        None => {
            let last = speech.body.end.checked_sub(1)?;
            edits.push(Edit::insert(
                line_end(draft, last),
                format!("{gap}{heading_text}"),
            ));
        }
    }
    for (k, &s) in top.iter().enumerate().skip(position) {
        let paragraph = draft.paragraphs.get(draft.sections[s].heading)?;
        let o = &paragraph.ordinal.as_ref()?.ordinal;
        edits.push(Edit::replace(
            paragraph.prose.source_range(o.numeral.clone()),
            numeral(k as u32 + 2, chinese),
        ));
    }
    Some(Fix::new(format!("插入“{part}”部分"), edits))
}

fn numeral(value: u32, chinese: bool) -> String {
    if !chinese {
        return value.to_string();
    }
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match value {
        1..=9 => DIGITS[value as usize].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[(value % 10) as usize]),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(value / 10) as usize],
            DIGITS[(value % 10) as usize]
        ),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{findings, findings_in, fixed, flagged};
    use crate::config::Config;
    use crate::DocKind;

    const SUMMARY: &str = "在二〇二五年度工作总结表彰会上的讲话\n同志们：\n今天召开年度总结表彰会。\n一、回顾一年来的主要成绩\n全年各项指标完成良好。\n二、明年的工作安排\n明年要重点抓好三件事。\n同志们，让我们再创佳绩！\n";

    #[test]
    fn built_in_kinds_with_parts() {
        let names: Vec<&str> = kind::KINDS
            .iter()
            .filter(|k| !k.parts.is_empty())
            .map(|k| k.name.as_str())
            .collect();
        assert_eq!(names, ["总结表彰", "工作会议", "交流发言", "述职报告"]);
    }

    #[test]
    fn summary_speech_without_problems_is_reported_after_the_achievements() {
        assert_eq!(
            flagged("missing-section", SUMMARY),
            ["一、回顾一年来的主要成绩"]
        );
        assert_eq!(
            findings("missing-section", SUMMARY)[0].message,
            "讲稿缺少“问题不足”部分：总结表彰类讲话一般包括回顾成绩、问题不足、部署安排，听众需要知道还存在哪些问题和差距"
        );
    }

    #[test]
    fn the_fix_inserts_a_numbered_section_and_renumbers_the_rest() {
        let after = fixed("missing-section", SUMMARY, 0);
        assert_eq!(
            after,
            SUMMARY.replace(
                "二、明年的工作安排",
                "二、【待补：问题不足】\n三、明年的工作安排"
            )
        );
        // 【待补：问题不足】 names the part, so the part is now present; the marker itself is
        // reported by the placeholder rule.
        assert_eq!(flagged("missing-section", &after), Vec::<&str>::new());
        assert_eq!(findings("placeholder", &after).len(), 1);
    }

    #[test]
    fn problems_stated_inside_a_section_count_as_present() {
        let text = SUMMARY.replace(
            "全年各项指标完成良好。\n",
            "全年各项指标完成良好。\n在肯定成绩的同时，也要清醒地看到，我们的工作与群众期待还有差距。\n",
        );
        assert_eq!(flagged("missing-section", &text), Vec::<&str>::new());
    }

    #[test]
    fn without_a_known_kind_nothing_is_reported() {
        let text = SUMMARY.replace("总结表彰会上的讲话", "座谈会上的讲话");
        assert_eq!(flagged("missing-section", &text), Vec::<&str>::new());
    }

    #[test]
    fn a_commendation_only_meeting_is_not_a_summary_speech() {
        let text = "在全县优秀志愿者表彰大会上的讲话\n同志们：\n今天表彰一批优秀志愿者。\n一、志愿者是城市的名片\n他们默默奉献。\n二、向志愿者学习\n人人都可以做志愿者。\n同志们，让我们都来做志愿者！\n";
        assert_eq!(flagged("missing-section", text), Vec::<&str>::new());
    }

    #[test]
    fn a_sense_of_responsibility_is_not_the_safeguards_part() {
        let text = "全县防汛工作会议讲话\n同志们：\n今天部署防汛工作。\n一、提高认识，增强防汛工作的责任感\n汛情严峻。\n二、突出抓好重点任务\n任务很重。\n同志们，让我们打赢这场硬仗！\n";
        assert_eq!(flagged("missing-section", text), ["二、突出抓好重点任务"]);
        let text = text.replace("二、突出抓好重点任务", "二、突出重点任务，压实工作责任");
        assert_eq!(flagged("missing-section", &text), Vec::<&str>::new());
    }

    #[test]
    fn kind_from_config_and_from_front_matter() {
        let text = SUMMARY.replace("总结表彰会上的讲话", "座谈会上的讲话");
        let mut config = Config::default();
        config.draft.kind = Some("年终总结".to_owned());
        assert_eq!(
            findings_in("missing-section", &text, DocKind::Plain, &config).len(),
            1
        );
        let markdown = format!("---\nkind: 总结表彰\n---\n\n{}", text.replace('\n', "\n\n"));
        assert_eq!(
            findings_in(
                "missing-section",
                &markdown,
                DocKind::Markdown,
                &Config::default()
            )
            .len(),
            1
        );
    }

    #[test]
    fn the_last_missing_part_is_appended_after_the_body() {
        let text = "全市防汛工作会议讲话\n同志们：\n今天部署防汛工作。\n一、充分认识防汛工作的重要意义\n意义重大。\n二、突出抓好重点任务\n任务很重。\n同志们，让我们打赢这场硬仗！\n";
        assert_eq!(flagged("missing-section", text), ["二、突出抓好重点任务"]);
        assert_eq!(
            fixed("missing-section", text, 0),
            text.replace("任务很重。", "任务很重。\n三、【待补：保障落实】")
        );
    }

    #[test]
    fn the_kind_named_last_in_the_title_wins() {
        let text = "在全县农业农村工作会议上的交流发言\n各位领导：\n我县今年主要抓了三件事。\n一、主要做法\n建立了包村联户制度。\n二、取得的成效\n群众满意度明显提升。\n各位领导，谢谢大家！\n";
        let found = findings("missing-section", text);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["讲稿缺少“体会或打算”部分：交流发言类讲话一般包括做法、成效、体会或打算，听众需要知道有什么经验体会、下一步怎么打算"]
        );
    }

    #[test]
    fn user_kinds_extend_the_table() {
        let (config, problems) = Config::from_toml(
            "[draft]\nkind = \"述职报告\"\n[[rules.missing-section.kinds]]\nname = \"述职报告\"\nparts = [{ name = \"廉洁自律\", keywords = [\"廉洁\"], why = \"是否廉洁\" }]\n",
        );
        assert_eq!(problems, []);
        let found = findings_in("missing-section", SUMMARY, DocKind::Plain, &config);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("缺少“廉洁自律”部分"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(numeral(3, true), "三");
        assert_eq!(numeral(12, true), "十二");
        assert_eq!(numeral(20, true), "二十");
        assert_eq!(numeral(3, false), "3");
    }
}
