//! `number-style`: number forms GB/T 15835 asks to keep consistent within one draft: years
//! written both `二〇二四年` and `2024年`, a `0` or `O` (or `○`, `零`) among Chinese numerals
//! in a year (`二0二四年`), and full-width digits (`２０２４`).

use super::chinese::{pervasive, source_exact, speech_units};
use super::{Check, Context, Rule};
use crate::draft::Draft;
use crate::finding::{Edit, Finding, Fix, Severity};
use std::ops::Range;

pub struct NumberStyle;

const CODE: &str = "number-style";

static RULES: &[Rule] = &[Rule {
    code: CODE,
    default_severity: Severity::Info,
    summary: "数字写法不规范或不统一（年份、全角数字）",
    docs: DOCS,
    tally: Some("处数字写法不统一"),
    fix_all_title: None,
    validate_options: super::no_options,
}];

const DOCS: &str = r#"## 说明

按 GB/T 15835《出版物上数字用法》检查一篇讲话里的数字写法：

- **年份写法混用**：同一篇里既有 `二〇二四年` 又有 `2024年`。报告少数的那一种，相关位置指向多数写法的第一处，快速修复改成多数写法。
- **汉字年份里的“零”**：汉字数字的年份里，零应写作 `〇`：`二0二四年`、`二O二四年`（字母 O）、`二○二四年`（图形符号○）、`二零二四年` 都应为 `二〇二四年`。
- **全角数字**：`２０２４年` 应写作 `2024年`。全篇大量使用全角数字时只在第一处报告一次，修复一次全部改完；零星几处逐处报告。

合集里的每篇讲话分别判断。与占位符相连的数字（`２０ＸＸ年`）由 `placeholder` 规则报告。

## 为什么

同一篇稿子里数字写法前后不一，显得不严谨；`二0二四年`、`二○二四年` 是输入时的常见错误，印出来一眼就能看出。

## 示例

```text
二〇二四年是关键之年。2024年全县完成投资１２亿元，比二0二三年增长8%。
```

## 修改后

```text
2024年是关键之年。2024年全县完成投资12亿元，比2023年增长8%。
```

## 选项

无，默认级别为“提示”（可用 `severity` 调整或关闭）。
"#;

/// Characters written for zero in a Chinese-numeral year; only `〇` is right.
const ZEROS: &str = "〇○零O0Ｏ０o";

/// A year as found: where (paragraph, prose range) and its digits, 0–9.
#[derive(Clone)]
struct Year {
    paragraph: usize,
    range: Range<usize>,
    digits: [u8; 4],
    chinese: bool,
}

impl Check for NumberStyle {
    fn rules(&self) -> &'static [Rule] {
        RULES
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let draft = cx.draft;
        let units = speech_units(draft);
        let scope = if units.len() <= 1 { "全文" } else { "本篇" };
        for unit in units {
            let mut years: Vec<Year> = Vec::new();
            let mut full_width: Vec<(usize, Range<usize>)> = Vec::new();
            let mut ascii = 0;
            for index in unit.clone() {
                let facts = cx.segmentation(index).derived(NumberFacts::of);
                years.extend(facts.years.iter().map(|y| Year {
                    paragraph: index,
                    ..y.clone()
                }));
                full_width.extend(facts.full_width.iter().map(|r| (index, r.clone())));
                ascii += facts.ascii_runs;
            }
            // Half-width numbers only matter as the usual form beside full-width ones.
            let ascii_runs = if full_width.is_empty() { 0 } else { ascii };
            zero_look_alikes(draft, &years, out);
            mixed_years(draft, scope, &years, out);
            full_width_digits(draft, scope, &full_width, ascii_runs, out);
        }
    }
}

/// The years of a paragraph: four digits before `年` (Arabic, half- or full-width, maybe a
/// space between), or four Chinese numerals (1800s–2000s, zero look-alikes included), not the
/// tail of a longer number.
/// What one paragraph holds of numbers (its years with paragraph 0), memoised with the
/// paragraph's segmentation.
struct NumberFacts {
    years: Vec<Year>,
    /// Runs of full-width digits that are not next to a placeholder mark.
    full_width: Vec<Range<usize>>,
    ascii_runs: usize,
}

impl NumberFacts {
    fn of(segmentation: &crate::segment::Segmentation) -> NumberFacts {
        let text = segmentation.text();
        NumberFacts {
            years: years_in(0, text),
            full_width: full_width_runs(text)
                .into_iter()
                .filter(|run| !next_to_placeholder(text, run.clone()))
                .collect(),
            ascii_runs: ascii_runs(text),
        }
    }
}

impl crate::memo::HeapSize for NumberFacts {
    fn heap_size(&self) -> usize {
        self.years.heap_size() + self.full_width.heap_size()
    }
}

fn years_in(index: usize, text: &str) -> Vec<Year> {
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), "年".as_bytes()) {
        let head = &text[..at];
        let spaced = head.trim_end_matches([' ', '\t']);
        for (head, chinese) in [(head, true), (spaced, false)] {
            // The last four characters, last first.
            let mut digits = [(0usize, '\0'); 4];
            let mut taken = 0;
            for (slot, found) in digits.iter_mut().zip(head.char_indices().rev()) {
                *slot = found;
                taken += 1;
            }
            if taken < 4 {
                continue;
            }
            let start = digits[3].0;
            let (a, b) = (digits[3].1, digits[2].1);
            let fits = if chinese {
                let numeral = |c: char| ZEROS.contains(c) || "一二三四五六七八九".contains(c);
                let century =
                    matches!((a, b), ('一', '八' | '九')) || a == '二' && ZEROS.contains(b);
                century && digits.iter().all(|&(_, c)| numeral(c))
            } else {
                let century = matches!(
                    (arabic_digit(a), arabic_digit(b)),
                    (Some(1), Some(8 | 9)) | (Some(2), Some(0))
                );
                century && digits.iter().all(|&(_, c)| arabic_digit(c).is_some())
            };
            // Not the tail of a longer number (`12024年`, `十二〇二四年`).
            let before = text[..start].chars().next_back();
            let longer = before
                .is_some_and(|b| b.is_numeric() || "〇○零一二三四五六七八九十百千万".contains(b));
            if fits && !longer {
                let mut value = [0u8; 4];
                for (slot, &(_, c)) in value.iter_mut().zip(digits.iter().rev()) {
                    *slot = digit_value(c);
                }
                out.push(Year {
                    paragraph: index,
                    range: start..head.len(),
                    digits: value,
                    chinese,
                });
                break;
            }
        }
    }
    out
}

/// The value of an Arabic digit, half- or full-width.
fn arabic_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// Runs of full-width digits (U+FF10–U+FF19, EF BC 90–99 in UTF-8), as prose ranges.
fn full_width_runs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out: Vec<Range<usize>> = Vec::new();
    for at in super::chinese::full_width_leads(bytes) {
        if !matches!(bytes.get(at + 2), Some(0x90..=0x99)) {
            continue;
        }
        match out.last_mut() {
            Some(run) if run.end == at => run.end = at + 3,
            _ => out.push(at..at + 3),
        }
    }
    out
}

/// How many runs of ASCII digits a text has.
fn ascii_runs(text: &str) -> usize {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()))
        .count()
}

fn digit_value(c: char) -> u8 {
    if ZEROS.contains(c) {
        return 0;
    }
    if let Some(i) = "一二三四五六七八九".chars().position(|d| d == c) {
        return i as u8 + 1;
    }
    arabic_digit(c).unwrap_or(0)
}

fn written(digits: &[u8; 4], chinese: bool) -> String {
    digits
        .iter()
        .map(|&d| {
            if chinese {
                "〇一二三四五六七八九"
                    .chars()
                    .nth(d as usize)
                    .unwrap_or('〇')
            } else {
                char::from(b'0' + d)
            }
        })
        .collect()
}

/// `二0二四年`, `二○二四年`, `二零二四年`: zero in a Chinese-numeral year is `〇`.
fn zero_look_alikes(draft: &Draft<'_>, years: &[Year], out: &mut Vec<Finding>) {
    for year in years.iter().filter(|y| y.chinese) {
        let text = &draft.paragraphs[year.paragraph].prose.text[year.range.clone()];
        let Some(wrong) = text.chars().find(|&c| ZEROS.contains(c) && c != '〇') else {
            continue;
        };
        let right = written(&year.digits, true);
        let described = match wrong {
            '○' => "图形符号“○”".to_owned(),
            'O' | 'o' | 'Ｏ' => format!("字母“{wrong}”"),
            '0' | '０' => format!("数字“{wrong}”"),
            _ => format!("“{wrong}”"),
        };
        let mut finding = Finding::new(
            CODE,
            draft.source_range(year.paragraph, year.range.clone()),
            format!("汉字年份“{text}年”中的{described}应写作“〇”"),
        );
        if let Some(exact) = source_exact(draft, year.paragraph, year.range.clone()) {
            finding = finding.with_fix(Fix::new(
                format!("改为“{right}”"),
                vec![Edit::replace(exact, right)],
            ));
        }
        out.push(finding);
    }
}

/// Years in both forms in one speech: the fewer form is reported, pointing at the other.
fn mixed_years(draft: &Draft<'_>, scope: &str, years: &[Year], out: &mut Vec<Finding>) {
    let chinese = years.iter().filter(|y| y.chinese).count();
    let arabic = years.len() - chinese;
    if chinese == 0 || arabic == 0 {
        return;
    }
    // The fewer form is the odd one; on a tie the Chinese numerals, since official documents
    // write dates in Arabic digits (GB/T 9704-2012).
    let odd_chinese = chinese <= arabic;
    let Some(usual) = years.iter().find(|y| y.chinese != odd_chinese) else {
        return;
    };
    let usual_text = &draft.paragraphs[usual.paragraph].prose.text[usual.range.clone()];
    let usual_range = draft.source_range(usual.paragraph, usual.range.clone());
    let (usual_count, usual_kind) = if odd_chinese {
        (arabic, "阿拉伯数字")
    } else {
        (chinese, "汉字")
    };
    for year in years.iter().filter(|y| y.chinese == odd_chinese) {
        let text = &draft.paragraphs[year.paragraph].prose.text[year.range.clone()];
        let right = written(&year.digits, !odd_chinese);
        let mut finding = Finding::new(
            CODE,
            draft.source_range(year.paragraph, year.range.clone()),
            format!(
                "年份写法不统一：此处为“{text}年”，{scope}另有 {usual_count} 处用{usual_kind}（如“{usual_text}年”）"
            ),
        )
        .with_related(usual_range.clone(), format!("{usual_kind}写的年份“{usual_text}年”"));
        // The end of a range (`2019-2020年`) is not rewritten alone.
        let text_before = draft.paragraphs[year.paragraph].prose.text[..year.range.start]
            .chars()
            .next_back();
        let in_range = text_before.is_some_and(|c| "-–—～~".contains(c));
        if let Some(exact) =
            source_exact(draft, year.paragraph, year.range.clone()).filter(|_| !in_range)
        {
            finding = finding.with_fix(Fix::new(
                format!("改为“{right}”"),
                vec![Edit::replace(exact, right)],
            ));
        }
        out.push(finding);
    }
}

/// Full-width digits: one by one when sporadic, once for the speech when pervasive.
fn full_width_digits(
    draft: &Draft<'_>,
    scope: &str,
    runs: &[(usize, Range<usize>)],
    ascii_runs: usize,
    out: &mut Vec<Finding>,
) {
    let Some((first_paragraph, first_range)) = runs.first() else {
        return;
    };
    let edits: Vec<Edit> = runs
        .iter()
        .filter_map(|(index, range)| {
            let text = &draft.paragraphs[*index].prose.text[range.clone()];
            let exact = source_exact(draft, *index, range.clone())?;
            Some(Edit::replace(exact, half_width(text)))
        })
        .collect();
    if pervasive(runs.len(), ascii_runs) {
        out.push(
            Finding::new(
                CODE,
                draft.source_range(*first_paragraph, first_range.clone()),
                format!("{scope}有 {} 处全角数字，应使用半角数字", runs.len()),
            )
            .with_fix(Fix::new(
                format!("将 {} 处全角数字改为半角", runs.len()),
                edits,
            )),
        );
        return;
    }
    for (index, range) in runs {
        let text = &draft.paragraphs[*index].prose.text[range.clone()];
        let right = half_width(text);
        let mut finding = Finding::new(
            CODE,
            draft.source_range(*index, range.clone()),
            format!("全角数字“{text}”应写作“{right}”"),
        );
        if let Some(exact) = source_exact(draft, *index, range.clone()) {
            finding = finding.with_fix(Fix::new(
                format!("改为“{right}”"),
                vec![Edit::replace(exact, right)],
            ));
        }
        out.push(finding);
    }
}

fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| {
            char::from_u32(c as u32 - 0xFEE0)
                .filter(|_| ('０'..='９').contains(&c))
                .unwrap_or(c)
        })
        .collect()
}

/// Digits glued to a placeholder (`２０ＸＸ年`, `１*`): the `placeholder` rule's.
fn next_to_placeholder(text: &str, range: Range<usize>) -> bool {
    let is_mark = |c: char| "XxＸｘ×*＊".contains(c);
    text[..range.start].chars().next_back().is_some_and(is_mark)
        || text[range.end..].chars().next().is_some_and(is_mark)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{findings, fixed, flagged, related};

    #[test]
    fn zero_look_alikes_in_a_chinese_year_are_found_and_fixed() {
        let text = "二0二四年、二O二三年、二○二二年、二零二一年都是关键之年，二〇二〇年也是。\n";
        assert_eq!(
            flagged(CODE, text),
            ["二0二四", "二O二三", "二○二二", "二零二一"]
        );
        let found = findings(CODE, text);
        assert_eq!(found[0].message, "汉字年份“二0二四年”中的数字“0”应写作“〇”");
        assert_eq!(
            found[2].message,
            "汉字年份“二○二二年”中的图形符号“○”应写作“〇”"
        );
        assert!(fixed(CODE, text, 1).starts_with("二0二四年、二〇二三年"));
    }

    #[test]
    fn mixed_year_forms_report_the_fewer_with_the_other_as_related() {
        let text = "2023年工作回顾。二〇二四年是关键之年，2024年要完成投资12亿元。\n";
        let found = findings(CODE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "二〇二四");
        assert_eq!(
            found[0].message,
            "年份写法不统一：此处为“二〇二四年”，全文另有 2 处用阿拉伯数字（如“2023年”）"
        );
        assert_eq!(
            related(text, &found[0]),
            [("2023", "阿拉伯数字写的年份“2023年”")]
        );
        assert_eq!(
            fixed(CODE, text, 0),
            "2023年工作回顾。2024年是关键之年，2024年要完成投资12亿元。\n"
        );
    }

    #[test]
    fn one_form_throughout_is_quiet() {
        let text = "2023年打基础，2024年求突破，完成3.5亿元，共12024人，10:30开会。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
        let text = "二〇二三年打基础，二〇二四年求突破，一九九八年建厂。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }

    #[test]
    fn on_a_tie_the_chinese_numerals_are_reported() {
        let text = "2023年和2024年的数据见附表。二〇二三年打基础，二〇二四年求突破。\n";
        assert_eq!(flagged(CODE, text), ["二〇二三", "二〇二四"]);
    }

    #[test]
    fn the_end_of_a_year_range_is_reported_without_a_fix() {
        let text = "二〇二四年是关键之年，二〇二五年要见成效，对照2019-2020年的基数。\n";
        let found = findings(CODE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "2020");
        assert!(found[0].fixes.is_empty());
    }

    #[test]
    fn sporadic_full_width_digits_are_reported_one_by_one() {
        let text = "2024年全县完成投资１２亿元，增长8%，新建学校3所、医院2所。\n";
        assert_eq!(flagged(CODE, text), ["１２"]);
        assert_eq!(findings(CODE, text)[0].message, "全角数字“１２”应写作“12”");
        assert!(fixed(CODE, text, 0).contains("投资12亿元"));
    }

    #[test]
    fn pervasive_full_width_digits_are_reported_once() {
        let text = "２０２４年全县完成投资１２亿元，增长８％，新建学校３所、医院２所。\n";
        let found = findings(CODE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "全文有 5 处全角数字，应使用半角数字");
        assert_eq!(
            fixed(CODE, text, 0),
            "2024年全县完成投资12亿元，增长8％，新建学校3所、医院2所。\n"
        );
    }

    #[test]
    fn digits_next_to_a_placeholder_are_left_to_it() {
        let text = "２０ＸＸ年的工作要抓紧。\n";
        assert_eq!(flagged(CODE, text), Vec::<&str>::new());
    }
}
