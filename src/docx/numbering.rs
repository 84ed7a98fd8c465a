//! Word's automatic numbering: the label (`一、` `（一）` `1.`) Word draws in front of a
//! numbered paragraph, rendered from `word/numbering.xml` so the core sees what the reader
//! sees.
//!
//! The model (ECMA-376 §17.9, with Word's behaviour where it departs from the standard):
//! - a paragraph names a numbering instance (`w:num`, by `w:numId`) and a level (`w:ilvl`),
//!   directly in its `w:numPr` or through its paragraph style;
//! - an instance points at an abstract definition (`w:abstractNum`), whose levels (`w:lvl`)
//!   give the start value, the number format (`w:numFmt`), the label template (`w:lvlText`,
//!   `%1` standing for level 0's number) and when the level restarts (`w:lvlRestart`);
//! - an instance may override a level (`w:lvlOverride`): a new start (`w:startOverride`),
//!   or a whole new level definition;
//! - counters belong to the abstract definition, so instances sharing one continue each
//!   other's numbering; an instance with a start override restarts that level the first time
//!   it is used there (this is how Word's "restart numbering" is stored).

use std::collections::{HashMap, HashSet};

use super::xml::{attr, attr_u32, is_on, Walker};
use super::DocxError;

/// Levels Word supports (0–8).
const LEVELS: usize = 9;

/// One level of a list definition.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Level {
    start: u32,
    format: String,
    /// `w:lvlText`: the template with `%1`…`%9`.
    text: String,
    /// `w:lvlRestart`: restart after a use of this 1-based level or any higher one; `Some(0)`
    /// never restarts. `None`: after any higher level (the default).
    restart: Option<u32>,
    /// `w:isLgl`: the numbers of higher levels in the template are shown as decimals.
    legal: bool,
    /// What follows the label: a tab (the default), a space or nothing.
    suffix: Suffix,
    /// `w:pStyle`: the paragraph style this level is linked to.
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 0,
            format: "decimal".to_owned(),
            text: String::new(),
            restart: None,
            legal: false,
            suffix: Suffix::Tab,
            style: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    Tab,
    Space,
    Nothing,
}

#[derive(Debug, Default)]
struct AbstractNum {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the definition lives in the list that numbering style points to.
    num_style_link: Option<String>,
}

#[derive(Debug, Default, Clone)]
struct Override {
    start: Option<u32>,
    level: Option<Level>,
}

#[derive(Debug)]
struct Num {
    abstract_id: u32,
    overrides: [Option<Override>; LEVELS],
}

/// The list definitions of a document (`word/numbering.xml`).
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<u32, AbstractNum>,
    nums: HashMap<u32, Num>,
}

/// What a paragraph style says about numbering, and its parent.
#[derive(Debug, Default, Clone)]
struct StyleNumbering {
    num_id: Option<u32>,
    level: Option<u8>,
    based_on: Option<String>,
}

/// Paragraph and numbering styles (`word/styles.xml`), as far as numbering goes.
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, StyleNumbering>,
    default_paragraph: Option<String>,
}

/// A paragraph's own numbering properties (`w:pPr/w:numPr`, `w:pStyle`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ParagraphNumbering {
    pub style: Option<String>,
    pub num_id: Option<u32>,
    pub level: Option<u8>,
}

/// Running counters while the document is read in order.
#[derive(Debug, Default)]
pub struct Counters {
    /// Per abstract definition: the last number used at each level (`None`: not started or
    /// restarted).
    values: HashMap<u32, [Option<u32>; LEVELS]>,
    /// Instance and level pairs seen, so a start override applies only on first use.
    used: HashSet<(u32, u8)>,
}

impl Styles {
    pub fn parse(xml: &str) -> Result<Styles, DocxError> {
        let mut styles = Styles::default();
        let mut current: Option<(String, StyleNumbering)> = None;
        let mut walker = Walker::new(xml, "word/styles.xml");
        while let Some(element) = walker.next_element()? {
            if !element.is_start && !element.is_empty {
                continue;
            }
            match element.name.as_str() {
                "style" => {
                    if let Some((id, style)) = current.take() {
                        styles.styles.insert(id, style);
                    }
                    let id = attr(&element, "styleId").unwrap_or_default();
                    if attr(&element, "default").as_deref().is_some_and(is_on)
                        && attr(&element, "type").as_deref() == Some("paragraph")
                    {
                        styles.default_paragraph = Some(id.clone());
                    }
                    current = Some((id, StyleNumbering::default()));
                }
                "basedOn" if walker.parent_is(&element, "style") => {
                    if let Some((_, style)) = &mut current {
                        style.based_on = attr(&element, "val");
                    }
                }
                "numId" if walker.ends_with(&element, &["style", "pPr", "numPr"]) => {
                    if let Some((_, style)) = &mut current {
                        style.num_id = attr_u32(&element, "val");
                    }
                }
                "ilvl" if walker.ends_with(&element, &["style", "pPr", "numPr"]) => {
                    if let Some((_, style)) = &mut current {
                        style.level = attr_u32(&element, "val").map(clamp_level);
                    }
                }
                _ => {}
            }
        }
        if let Some((id, style)) = current.take() {
            styles.styles.insert(id, style);
        }
        Ok(styles)
    }

    /// The numbering a style gives, following `w:basedOn` (a few steps, loops ignored).
    fn numbering(&self, id: &str) -> (Option<u32>, Option<u8>) {
        let mut num_id = None;
        let mut level = None;
        let mut next = Some(id);
        for _ in 0..16 {
            let Some(style) = next.and_then(|id| self.styles.get(id)) else {
                break;
            };
            num_id = num_id.or(style.num_id);
            level = level.or(style.level);
            if num_id.is_some() && level.is_some() {
                break;
            }
            next = style.based_on.as_deref();
        }
        (num_id, level)
    }
}

impl Numbering {
    pub fn parse(xml: &str) -> Result<Numbering, DocxError> {
        let mut numbering = Numbering::default();
        // The definition being read: an abstract one, or an instance.
        let mut abstract_num: Option<(u32, AbstractNum)> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        let mut walker = Walker::new(xml, "word/numbering.xml");
        while let Some(element) = walker.next_element()? {
            let name = element.name.as_str();
            let is_end = !element.is_start && !element.is_empty;
            if is_end || (element.is_empty && name == "lvl") {
                if element.is_empty {
                    // `<w:lvl w:ilvl="3"/>`: a level with every default.
                    let index = attr_u32(&element, "ilvl").map_or(0, clamp_level);
                    level = Some((usize::from(index), Level::default()));
                }
                match name {
                    "lvl" => {
                        let Some((index, lvl)) = level.take() else {
                            continue;
                        };
                        match (&mut num, override_level, &mut abstract_num) {
                            (Some((_, num)), Some(slot), _) => {
                                num.overrides[slot]
                                    .get_or_insert_with(Override::default)
                                    .level = Some(lvl);
                            }
                            (None, _, Some((_, abs))) => abs.levels[index] = Some(lvl),
                            _ => {}
                        }
                    }
                    "lvlOverride" => override_level = None,
                    "abstractNum" => {
                        if let Some((id, abs)) = abstract_num.take() {
                            numbering.abstracts.insert(id, abs);
                        }
                    }
                    "num" => {
                        if let Some((id, n)) = num.take() {
                            numbering.nums.insert(id, n);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match name {
                "abstractNum" => {
                    let id = attr_u32(&element, "abstractNumId").unwrap_or(u32::MAX);
                    abstract_num = Some((id, AbstractNum::default()));
                }
                "num" => {
                    let id = attr_u32(&element, "numId").unwrap_or(u32::MAX);
                    num = Some((
                        id,
                        Num {
                            abstract_id: u32::MAX,
                            overrides: Default::default(),
                        },
                    ));
                }
                "abstractNumId" => {
                    if let Some((_, n)) = &mut num {
                        n.abstract_id = attr_u32(&element, "val").unwrap_or(u32::MAX);
                    }
                }
                "numStyleLink" => {
                    if let Some((_, abs)) = &mut abstract_num {
                        abs.num_style_link = attr(&element, "val");
                    }
                }
                "lvlOverride" => {
                    override_level =
                        attr_u32(&element, "ilvl").map(|l| usize::from(clamp_level(l)));
                    if let (Some((_, n)), Some(slot)) = (&mut num, override_level) {
                        n.overrides[slot].get_or_insert_with(Override::default);
                    }
                }
                "startOverride" => {
                    if let (Some((_, n)), Some(slot)) = (&mut num, override_level) {
                        n.overrides[slot]
                            .get_or_insert_with(Override::default)
                            .start = attr_u32(&element, "val");
                    }
                }
                "lvl" => {
                    let index = attr_u32(&element, "ilvl").map_or(0, clamp_level);
                    level = Some((usize::from(index), Level::default()));
                }
                _ => {
                    let Some((_, lvl)) = &mut level else {
                        continue;
                    };
                    // Only the level's own properties, not its paragraph or run properties.
                    if !walker.parent_is(&element, "lvl") {
                        continue;
                    }
                    match name {
                        "start" => lvl.start = attr_u32(&element, "val").unwrap_or(0),
                        "numFmt" => {
                            lvl.format = attr(&element, "val").unwrap_or_else(|| "decimal".into())
                        }
                        "lvlText" => lvl.text = attr(&element, "val").unwrap_or_default(),
                        "lvlRestart" => lvl.restart = attr_u32(&element, "val"),
                        "isLgl" => lvl.legal = attr(&element, "val").as_deref().is_none_or(is_on),
                        "pStyle" => lvl.style = attr(&element, "val"),
                        "suff" => {
                            lvl.suffix = match attr(&element, "val").as_deref() {
                                Some("space") => Suffix::Space,
                                Some("nothing") => Suffix::Nothing,
                                _ => Suffix::Tab,
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(numbering)
    }

    /// The abstract definition an instance uses, after a `w:numStyleLink` indirection.
    fn abstract_of(&self, styles: &Styles, num_id: u32) -> Option<u32> {
        let mut id = self.nums.get(&num_id)?.abstract_id;
        for _ in 0..4 {
            let Some(link) = self
                .abstracts
                .get(&id)
                .and_then(|a| a.num_style_link.as_deref())
            else {
                break;
            };
            let linked = styles
                .numbering(link)
                .0
                .and_then(|n| self.nums.get(&n))
                .map(|n| n.abstract_id);
            match linked {
                Some(next) if next != id => id = next,
                _ => break,
            }
        }
        self.abstracts.contains_key(&id).then_some(id)
    }

    /// The definition of `level` as instance `num_id` sees it.
    fn level(&self, abstract_id: u32, num_id: u32, level: usize) -> Option<Level> {
        let own = self
            .nums
            .get(&num_id)
            .and_then(|n| n.overrides[level].as_ref());
        let mut lvl = own
            .and_then(|o| o.level.clone())
            .or_else(|| self.abstracts.get(&abstract_id)?.levels[level].clone())?;
        if let Some(start) = own.and_then(|o| o.start) {
            lvl.start = start;
        }
        Some(lvl)
    }

    /// The label of a numbered paragraph, advancing the counters; `None` when the paragraph
    /// is not numbered, is bulleted, or its list is not defined.
    pub fn label(
        &self,
        styles: &Styles,
        counters: &mut Counters,
        paragraph: &ParagraphNumbering,
    ) -> Option<String> {
        let style = paragraph
            .style
            .as_deref()
            .or(styles.default_paragraph.as_deref());
        let (style_num, style_level) = style.map_or((None, None), |s| styles.numbering(s));
        // `w:numId w:val="0"` in the paragraph removes numbering its style gives.
        let num_id = paragraph.num_id.or(style_num).filter(|&n| n != 0)?;
        let abstract_id = self.abstract_of(styles, num_id)?;
        let level = paragraph
            .level
            .or(style_level)
            .or_else(|| {
                // A style linked to a level of the list (`w:lvl/w:pStyle`) numbers at that level.
                let style = style?;
                (0..LEVELS).find_map(|l| {
                    let lvl = self.level(abstract_id, num_id, l)?;
                    (lvl.style.as_deref() == Some(style)).then_some(l as u8)
                })
            })
            .map_or(0, usize::from);
        let definition = self.level(abstract_id, num_id, level)?;

        let values = counters.values.entry(abstract_id).or_insert([None; LEVELS]);
        let restarts = self
            .nums
            .get(&num_id)
            .and_then(|n| n.overrides[level].as_ref())
            .is_some_and(|o| o.start.is_some());
        let first_use = counters.used.insert((num_id, level as u8));
        values[level] = Some(match values[level] {
            Some(_) if restarts && first_use => definition.start,
            Some(n) => n.saturating_add(1),
            None => definition.start,
        });
        for (deeper, value) in values.iter_mut().enumerate().skip(level + 1) {
            let restart = self
                .level(abstract_id, num_id, deeper)
                .and_then(|l| l.restart);
            // Word restarts a level after a use of the named level or any higher one.
            let resets = match restart {
                None => true,
                Some(0) => false,
                Some(k) => (level as u32) < k,
            };
            if resets {
                *value = None;
            }
        }

        if definition.format == "bullet" || definition.text.is_empty() {
            return None;
        }
        let mut label = String::new();
        let mut chars = definition.text.chars().peekable();
        while let Some(c) = chars.next() {
            let referenced = (c == '%')
                .then(|| chars.peek().and_then(|d| d.to_digit(10)))
                .flatten()
                .filter(|d| (1..=LEVELS as u32).contains(d));
            let Some(digit) = referenced else {
                label.push(c);
                continue;
            };
            chars.next();
            let at = digit as usize - 1;
            let lvl = if at == level {
                Some(definition.clone())
            } else {
                self.level(abstract_id, num_id, at)
            };
            let value = values[at].or(lvl.as_ref().map(|l| l.start)).unwrap_or(0);
            let format = match &lvl {
                Some(_) if definition.legal && at < level => "decimal",
                Some(l) => l.format.as_str(),
                None => "decimal",
            };
            label.push_str(&format_number(value, format));
        }
        if label.trim().is_empty() {
            return None;
        }
        match definition.suffix {
            Suffix::Tab => label.push('\t'),
            Suffix::Space => label.push(' '),
            Suffix::Nothing => {}
        }
        Some(label)
    }
}

fn clamp_level(level: u32) -> u8 {
    level.min(LEVELS as u32 - 1) as u8
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const HEAVENLY_STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const EARTHLY_BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// `n` in a Word number format (`w:numFmt`); unknown formats fall back to decimal, and
/// sets that run out (甲乙丙…, ①②③…) fall back to decimal past their end, as in Word.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "none" => String::new(),
        "chineseCounting" => chinese_counting(n),
        "chineseCountingThousand" | "taiwaneseCountingThousand" => {
            chinese_grouped(n, &Numerals::ORDINARY)
        }
        "chineseLegalSimplified" => chinese_grouped(n, &Numerals::LEGAL),
        "ideographDigital" | "taiwaneseDigital" => {
            n.to_string().chars().map(|d| DIGITS[digit(d)]).collect()
        }
        "ideographTraditional" => from_set(n, &HEAVENLY_STEMS),
        "ideographZodiac" => from_set(n, &EARTHLY_BRANCHES),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => enclosed(n, 20, 0x2460),
        "decimalEnclosedParen" => enclosed(n, 20, 0x2474),
        "decimalEnclosedFullstop" => enclosed(n, 20, 0x2488),
        "ideographEnclosedCircle" => enclosed(n, 10, 0x3220),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(0xFF10 + digit(d) as u32).unwrap_or(d))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" => letters(n).to_ascii_uppercase(),
        "lowerLetter" => letters(n),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_ascii_lowercase(),
        _ => n.to_string(),
    }
}

fn digit(d: char) -> usize {
    d.to_digit(10).unwrap_or(0) as usize
}

/// 一…九, 十…九十九 (十 without 一 in front), then digit by digit (一〇〇), as Word's
/// `chineseCounting` does.
fn chinese_counting(n: u32) -> String {
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=99 => {
            let mut s = String::new();
            if n >= 20 {
                s.push(DIGITS[(n / 10) as usize]);
            }
            s.push('十');
            if n % 10 != 0 {
                s.push(DIGITS[(n % 10) as usize]);
            }
            s
        }
        _ => n.to_string().chars().map(|d| DIGITS[digit(d)]).collect(),
    }
}

struct Numerals {
    digits: [char; 10],
    /// 十, 百, 千.
    units: [char; 3],
    ten_thousand: char,
    /// Whether 10–19 drop the leading one (十一 rather than 一十一).
    bare_ten: bool,
}

impl Numerals {
    const ORDINARY: Numerals = Numerals {
        digits: ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
        units: ['十', '百', '千'],
        ten_thousand: '万',
        bare_ten: true,
    };
    const LEGAL: Numerals = Numerals {
        digits: LEGAL_DIGITS,
        units: ['拾', '佰', '仟'],
        ten_thousand: '万',
        bare_ten: false,
    };
}

/// Counting with units (一百零一, 壹佰零壹), for the "thousand" and legal formats.
fn chinese_grouped(n: u32, numerals: &Numerals) -> String {
    if n == 0 {
        return numerals.digits[0].to_string();
    }
    let high = n / 10_000;
    let low = n % 10_000;
    let mut s = String::new();
    if high > 0 {
        s.push_str(&below_ten_thousand(high, numerals, true));
        s.push(numerals.ten_thousand);
        if low > 0 && low < 1000 {
            s.push(numerals.digits[0]);
        }
    }
    if low > 0 {
        s.push_str(&below_ten_thousand(low, numerals, high == 0));
    }
    s
}

fn below_ten_thousand(n: u32, numerals: &Numerals, leading: bool) -> String {
    let places = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut s = String::new();
    let mut zero_pending = false;
    let mut started = false;
    for (i, &d) in places.iter().enumerate() {
        if d == 0 {
            zero_pending = started;
            continue;
        }
        if zero_pending {
            s.push(numerals.digits[0]);
            zero_pending = false;
        }
        let unit = 3 - i;
        let bare = numerals.bare_ten && leading && !started && unit == 1 && d == 1;
        if !bare {
            s.push(numerals.digits[d as usize]);
        }
        if unit > 0 {
            s.push(numerals.units[unit - 1]);
        }
        started = true;
    }
    s
}

fn from_set(n: u32, set: &[char]) -> String {
    match n {
        1.. if (n as usize) <= set.len() => set[n as usize - 1].to_string(),
        _ => n.to_string(),
    }
}

fn enclosed(n: u32, count: u32, first: u32) -> String {
    match n {
        1.. if n <= count => char::from_u32(first + n - 1).map_or(n.to_string(), String::from),
        _ => n.to_string(),
    }
}

/// a…z, then aa…zz, aaa…: Word repeats the letter rather than counting in base 26.
fn letters(n: u32) -> String {
    if n == 0 {
        return "0".to_owned();
    }
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    letter
        .to_string()
        .repeat(((n - 1) / 26 + 1).min(64) as usize)
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (value, glyph) in TABLE {
        while n >= value {
            s.push_str(glyph);
            n -= value;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_formats_count_as_word_does() {
        let counting: Vec<String> = [1, 9, 10, 11, 20, 21, 99, 100, 105]
            .iter()
            .map(|&n| format_number(n, "chineseCounting"))
            .collect();
        assert_eq!(
            counting,
            [
                "一",
                "九",
                "十",
                "十一",
                "二十",
                "二十一",
                "九十九",
                "一〇〇",
                "一〇五"
            ]
        );
        let thousand: Vec<String> = [10, 15, 101, 110, 1000, 1005, 10001, 23456]
            .iter()
            .map(|&n| format_number(n, "chineseCountingThousand"))
            .collect();
        assert_eq!(
            thousand,
            [
                "十",
                "十五",
                "一百零一",
                "一百一十",
                "一千",
                "一千零五",
                "一万零一",
                "二万三千四百五十六"
            ]
        );
        assert_eq!(format_number(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(11, "ideographTraditional"), "11");
        assert_eq!(format_number(12, "ideographZodiac"), "亥");
        assert_eq!(format_number(20, "ideographDigital"), "二〇");
        assert_eq!(format_number(2, "decimalEnclosedCircleChinese"), "②");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "21");
        assert_eq!(format_number(3, "decimalEnclosedParen"), "⑶");
        assert_eq!(format_number(4, "ideographEnclosedCircle"), "㈣");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(5, "none"), "");
        assert_eq!(format_number(5, "someFutureFormat"), "5");
    }

    fn lvl(ilvl: u8, format: &str, text: &str, extra: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{format}"/>{extra}<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl>"#
        )
    }

    /// Labels for a sequence of (numId, level) paragraphs.
    fn labels(
        numbering_xml: &str,
        styles_xml: &str,
        paragraphs: &[(Option<u32>, u8, Option<&str>)],
    ) -> Vec<String> {
        let numbering = Numbering::parse(numbering_xml).unwrap();
        let styles = Styles::parse(styles_xml).unwrap();
        let mut counters = Counters::default();
        paragraphs
            .iter()
            .map(|&(num_id, level, style)| {
                let p = ParagraphNumbering {
                    style: style.map(str::to_owned),
                    num_id,
                    level: num_id.map(|_| level),
                };
                numbering
                    .label(&styles, &mut counters, &p)
                    .unwrap_or_default()
            })
            .collect()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn levels_restart_under_their_parent_and_templates_name_other_levels() {
        let xml = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
            lvl(0, "chineseCounting", "%1、", ""),
            lvl(1, "chineseCounting", "（%2）", ""),
            lvl(2, "decimal", "%1.%3", r#"<w:isLgl/>"#),
        );
        let got = labels(
            &xml,
            "<w:styles/>",
            &[
                (Some(1), 0, None),
                (Some(1), 1, None),
                (Some(1), 1, None),
                (Some(1), 2, None),
                (Some(1), 0, None),
                (Some(1), 1, None),
            ],
        );
        assert_eq!(got, ["一、", "（一）", "（二）", "1.1", "二、", "（一）"]);
    }

    #[test]
    fn lvl_restart_zero_keeps_counting_across_parents() {
        let xml = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
            lvl(0, "chineseCounting", "%1、", ""),
            lvl(1, "decimal", "%2.", r#"<w:lvlRestart w:val="0"/>"#),
        );
        let got = labels(
            &xml,
            "<w:styles/>",
            &[
                (Some(1), 0, None),
                (Some(1), 1, None),
                (Some(1), 0, None),
                (Some(1), 1, None),
            ],
        );
        assert_eq!(got, ["一、", "1.", "二、", "2."]);
    }

    #[test]
    fn instances_share_the_count_and_a_start_override_restarts_it_once() {
        let xml = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">{}</w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1条"/></w:lvl></w:lvlOverride></w:num>
            </w:numbering>"#,
            lvl(0, "chineseCounting", "%1、", ""),
        );
        let got = labels(
            &xml,
            "<w:styles/>",
            &[
                (Some(1), 0, None),
                (Some(1), 0, None),
                (Some(2), 0, None),
                (Some(2), 0, None),
                (Some(1), 0, None),
                (Some(3), 0, None),
                (Some(0), 0, None),
            ],
        );
        // Instance 2 restarts at 五 once, instance 1 then continues from there; instance 3
        // only changes how the shared count is written; numId 0 is "no numbering".
        assert_eq!(got, ["一、", "二、", "五、", "六、", "七、", "第8条\t", ""]);
    }

    #[test]
    fn styles_number_paragraphs_and_bullets_are_not_labels() {
        let xml = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ListStyle"/></w:abstractNum><w:abstractNum w:abstractNumId="2">{}</w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num></w:numbering>"#,
            lvl(
                0,
                "chineseCounting",
                "%1、",
                r#"<w:pStyle w:val="Heading1"/>"#
            ),
            lvl(
                1,
                "chineseCounting",
                "（%2）",
                r#"<w:pStyle w:val="Heading2"/>"#
            ),
            lvl(0, "bullet", "●", ""),
        );
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:type="numbering" w:styleId="ListStyle"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
        );
        let got = labels(
            &xml,
            &styles,
            &[
                (None, 0, Some("Heading1")),
                (None, 0, Some("Heading2")),
                (Some(2), 1, None),
                (Some(3), 0, None),
                (None, 0, None),
            ],
        );
        // Heading1 is level 0 by its list's pStyle link; Heading2 inherits the list from its
        // base style; instance 2 reaches the same list through a numbering style.
        assert_eq!(got, ["一、", "（一）", "（二）", "", ""]);
    }
}
