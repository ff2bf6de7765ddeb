//! Chinese administrative geography as static data, plus the lookups the parser needs to place a
//! plan in its region ([`infer_region`]).
//!
//! # Data
//!
//! * [`PROVINCES`]: the 34 provincial-level units — 23 provinces (incl. 台湾省), 5 autonomous
//!   regions, 4 municipalities (直辖市), 2 special administrative regions — with full name, short
//!   name (`广东`, `内蒙古`, `广西`) and the one-character abbreviations used in 文号 (`粤`, `桂`,
//!   `津`; several for 四川 `川`/`蜀`, 贵州 `黔`/`贵`, 云南 `云`/`滇`, 陕西 `陕`/`秦`, 甘肃
//!   `甘`/`陇`).
//! * [`PREFECTURES`]: the 333 prefecture-level units (293 地级市, 7 地区, 30 自治州, 3 盟) grouped
//!   by province (situation as of 2023).
//! * [`MUNICIPALITY_DISTRICTS`]: the districts and counties of 北京 (16), 天津 (16), 上海 (16) and
//!   重庆 (38: 26 区, 8 县, 4 自治县).
//! * [`PROVINCE_ADMINISTERED_COUNTIES`]: county-level units directly under a province
//!   (济源市, 仙桃市, 海南's 县级市 and 县, 新疆兵团 cities). They have no prefecture; a plan of
//!   such a unit is placed as `province` + `county`, with `city` = `None`.
//!
//! County-level units other than the municipalities' districts are **not** listed (there are
//! about 2,800). They are recognised by a generic rule instead (see [`find_regions`]).
//!
//! # Names
//!
//! A *short name* is the full name without its administrative suffix: `广州` for `广州市`,
//! `大兴安岭` for `大兴安岭地区`, `兴安` for `兴安盟`; autonomous prefectures have their customary
//! short name (`延边`, `恩施`, `湘西`, `黔东南`). Short names are accepted by the lookup
//! functions but, to avoid false hits inside ordinary words, [`find_regions`] matches short
//! names of provincial-level units only and flags them ([`RegionMention::short`]).

use crate::text::is_han;
use planscope_model::Region;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Kind of a provincial-level unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProvinceKind {
    /// 省.
    Province,
    /// 自治区.
    AutonomousRegion,
    /// 直辖市: also its own prefecture-level city.
    Municipality,
    /// 特别行政区.
    Sar,
}

/// A provincial-level unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Province {
    /// Full name, `广西壮族自治区`.
    pub name: &'static str,
    /// Short name, `广西`.
    pub short: &'static str,
    /// 文号 abbreviations, the usual one first (`桂`).
    pub abbrevs: &'static [char],
    pub kind: ProvinceKind,
}

const fn p(
    name: &'static str,
    short: &'static str,
    abbrevs: &'static [char],
    kind: ProvinceKind,
) -> Province {
    Province {
        name,
        short,
        abbrevs,
        kind,
    }
}

use ProvinceKind::{AutonomousRegion as AR, Municipality as MU, Province as PR, Sar as SAR};

/// All 34 provincial-level units, in the order of the national division code.
pub static PROVINCES: &[Province] = &[
    p("北京市", "北京", &['京'], MU),
    p("天津市", "天津", &['津'], MU),
    p("河北省", "河北", &['冀'], PR),
    p("山西省", "山西", &['晋'], PR),
    p("内蒙古自治区", "内蒙古", &['蒙'], AR),
    p("辽宁省", "辽宁", &['辽'], PR),
    p("吉林省", "吉林", &['吉'], PR),
    p("黑龙江省", "黑龙江", &['黑'], PR),
    p("上海市", "上海", &['沪'], MU),
    p("江苏省", "江苏", &['苏'], PR),
    p("浙江省", "浙江", &['浙'], PR),
    p("安徽省", "安徽", &['皖'], PR),
    p("福建省", "福建", &['闽'], PR),
    p("江西省", "江西", &['赣'], PR),
    p("山东省", "山东", &['鲁'], PR),
    p("河南省", "河南", &['豫'], PR),
    p("湖北省", "湖北", &['鄂'], PR),
    p("湖南省", "湖南", &['湘'], PR),
    p("广东省", "广东", &['粤'], PR),
    p("广西壮族自治区", "广西", &['桂'], AR),
    p("海南省", "海南", &['琼'], PR),
    p("重庆市", "重庆", &['渝'], MU),
    p("四川省", "四川", &['川', '蜀'], PR),
    p("贵州省", "贵州", &['黔', '贵'], PR),
    p("云南省", "云南", &['云', '滇'], PR),
    p("西藏自治区", "西藏", &['藏'], AR),
    p("陕西省", "陕西", &['陕', '秦'], PR),
    p("甘肃省", "甘肃", &['甘', '陇'], PR),
    p("青海省", "青海", &['青'], PR),
    p("宁夏回族自治区", "宁夏", &['宁'], AR),
    p("新疆维吾尔自治区", "新疆", &['新'], AR),
    p("台湾省", "台湾", &['台'], PR),
    p("香港特别行政区", "香港", &['港'], SAR),
    p("澳门特别行政区", "澳门", &['澳'], SAR),
];

/// Prefecture-level units (地级市, 地区, 自治州, 盟) by province: `(province, names)`.
#[rustfmt::skip]
pub static PREFECTURES: &[(&str, &[&str])] = &[
    ("河北省", &["石家庄市", "唐山市", "秦皇岛市", "邯郸市", "邢台市", "保定市", "张家口市", "承德市", "沧州市", "廊坊市", "衡水市"]),
    ("山西省", &["太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市", "临汾市", "吕梁市"]),
    ("内蒙古自治区", &[
        "呼和浩特市", "包头市", "乌海市", "赤峰市", "通辽市", "鄂尔多斯市", "呼伦贝尔市", "巴彦淖尔市", "乌兰察布市", "兴安盟",
        "锡林郭勒盟", "阿拉善盟",
    ]),
    ("辽宁省", &[
        "沈阳市", "大连市", "鞍山市", "抚顺市", "本溪市", "丹东市", "锦州市", "营口市", "阜新市", "辽阳市", "盘锦市", "铁岭市",
        "朝阳市", "葫芦岛市",
    ]),
    ("吉林省", &["长春市", "吉林市", "四平市", "辽源市", "通化市", "白山市", "松原市", "白城市", "延边朝鲜族自治州"]),
    ("黑龙江省", &[
        "哈尔滨市", "齐齐哈尔市", "鸡西市", "鹤岗市", "双鸭山市", "大庆市", "伊春市", "佳木斯市", "七台河市", "牡丹江市", "黑河市",
        "绥化市", "大兴安岭地区",
    ]),
    ("江苏省", &[
        "南京市", "无锡市", "徐州市", "常州市", "苏州市", "南通市", "连云港市", "淮安市", "盐城市", "扬州市", "镇江市", "泰州市",
        "宿迁市",
    ]),
    ("浙江省", &["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市"]),
    ("安徽省", &[
        "合肥市", "芜湖市", "蚌埠市", "淮南市", "马鞍山市", "淮北市", "铜陵市", "安庆市", "黄山市", "滁州市", "阜阳市", "宿州市",
        "六安市", "亳州市", "池州市", "宣城市",
    ]),
    ("福建省", &["福州市", "厦门市", "莆田市", "三明市", "泉州市", "漳州市", "南平市", "龙岩市", "宁德市"]),
    ("江西省", &["南昌市", "景德镇市", "萍乡市", "九江市", "新余市", "鹰潭市", "赣州市", "吉安市", "宜春市", "抚州市", "上饶市"]),
    ("山东省", &[
        "济南市", "青岛市", "淄博市", "枣庄市", "东营市", "烟台市", "潍坊市", "济宁市", "泰安市", "威海市", "日照市", "临沂市",
        "德州市", "聊城市", "滨州市", "菏泽市",
    ]),
    ("河南省", &[
        "郑州市", "开封市", "洛阳市", "平顶山市", "安阳市", "鹤壁市", "新乡市", "焦作市", "濮阳市", "许昌市", "漯河市",
        "三门峡市", "南阳市", "商丘市", "信阳市", "周口市", "驻马店市",
    ]),
    ("湖北省", &[
        "武汉市", "黄石市", "十堰市", "宜昌市", "襄阳市", "鄂州市", "荆门市", "孝感市", "荆州市", "黄冈市", "咸宁市", "随州市",
        "恩施土家族苗族自治州",
    ]),
    ("湖南省", &[
        "长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市", "张家界市", "益阳市", "郴州市", "永州市", "怀化市",
        "娄底市", "湘西土家族苗族自治州",
    ]),
    ("广东省", &[
        "广州市", "韶关市", "深圳市", "珠海市", "汕头市", "佛山市", "江门市", "湛江市", "茂名市", "肇庆市", "惠州市", "梅州市",
        "汕尾市", "河源市", "阳江市", "清远市", "东莞市", "中山市", "潮州市", "揭阳市", "云浮市",
    ]),
    ("广西壮族自治区", &[
        "南宁市", "柳州市", "桂林市", "梧州市", "北海市", "防城港市", "钦州市", "贵港市", "玉林市", "百色市", "贺州市", "河池市",
        "来宾市", "崇左市",
    ]),
    ("海南省", &["海口市", "三亚市", "三沙市", "儋州市"]),
    ("四川省", &[
        "成都市", "自贡市", "攀枝花市", "泸州市", "德阳市", "绵阳市", "广元市", "遂宁市", "内江市", "乐山市", "南充市", "眉山市",
        "宜宾市", "广安市", "达州市", "雅安市", "巴中市", "资阳市", "阿坝藏族羌族自治州", "甘孜藏族自治州", "凉山彝族自治州",
    ]),
    ("贵州省", &[
        "贵阳市", "六盘水市", "遵义市", "安顺市", "毕节市", "铜仁市", "黔西南布依族苗族自治州", "黔东南苗族侗族自治州",
        "黔南布依族苗族自治州",
    ]),
    ("云南省", &[
        "昆明市", "曲靖市", "玉溪市", "保山市", "昭通市", "丽江市", "普洱市", "临沧市", "楚雄彝族自治州", "红河哈尼族彝族自治州",
        "文山壮族苗族自治州", "西双版纳傣族自治州", "大理白族自治州", "德宏傣族景颇族自治州", "怒江傈僳族自治州", "迪庆藏族自治州",
    ]),
    ("西藏自治区", &["拉萨市", "日喀则市", "昌都市", "林芝市", "山南市", "那曲市", "阿里地区"]),
    ("陕西省", &["西安市", "铜川市", "宝鸡市", "咸阳市", "渭南市", "延安市", "汉中市", "榆林市", "安康市", "商洛市"]),
    ("甘肃省", &[
        "兰州市", "嘉峪关市", "金昌市", "白银市", "天水市", "武威市", "张掖市", "平凉市", "酒泉市", "庆阳市", "定西市", "陇南市",
        "临夏回族自治州", "甘南藏族自治州",
    ]),
    ("青海省", &["西宁市", "海东市", "海北藏族自治州", "黄南藏族自治州", "海南藏族自治州", "果洛藏族自治州", "玉树藏族自治州", "海西蒙古族藏族自治州"]),
    ("宁夏回族自治区", &["银川市", "石嘴山市", "吴忠市", "固原市", "中卫市"]),
    ("新疆维吾尔自治区", &[
        "乌鲁木齐市", "克拉玛依市", "吐鲁番市", "哈密市", "阿克苏地区", "喀什地区", "和田地区", "塔城地区", "阿勒泰地区",
        "昌吉回族自治州", "博尔塔拉蒙古自治州", "巴音郭楞蒙古自治州", "克孜勒苏柯尔克孜自治州", "伊犁哈萨克自治州",
    ]),
];

/// Customary short names of the 30 autonomous prefectures.
static AUTONOMOUS_PREFECTURE_SHORT: &[(&str, &str)] = &[
    ("延边朝鲜族自治州", "延边"),
    ("恩施土家族苗族自治州", "恩施"),
    ("湘西土家族苗族自治州", "湘西"),
    ("阿坝藏族羌族自治州", "阿坝"),
    ("甘孜藏族自治州", "甘孜"),
    ("凉山彝族自治州", "凉山"),
    ("黔西南布依族苗族自治州", "黔西南"),
    ("黔东南苗族侗族自治州", "黔东南"),
    ("黔南布依族苗族自治州", "黔南"),
    ("楚雄彝族自治州", "楚雄"),
    ("红河哈尼族彝族自治州", "红河"),
    ("文山壮族苗族自治州", "文山"),
    ("西双版纳傣族自治州", "西双版纳"),
    ("大理白族自治州", "大理"),
    ("德宏傣族景颇族自治州", "德宏"),
    ("怒江傈僳族自治州", "怒江"),
    ("迪庆藏族自治州", "迪庆"),
    ("临夏回族自治州", "临夏"),
    ("甘南藏族自治州", "甘南"),
    ("海北藏族自治州", "海北"),
    ("黄南藏族自治州", "黄南"),
    ("海南藏族自治州", "海南"),
    ("果洛藏族自治州", "果洛"),
    ("玉树藏族自治州", "玉树"),
    ("海西蒙古族藏族自治州", "海西"),
    ("昌吉回族自治州", "昌吉"),
    ("博尔塔拉蒙古自治州", "博尔塔拉"),
    ("巴音郭楞蒙古自治州", "巴音郭楞"),
    ("克孜勒苏柯尔克孜自治州", "克孜勒苏"),
    ("伊犁哈萨克自治州", "伊犁"),
];

/// Districts and counties of the four municipalities (situation as of 2023).
#[rustfmt::skip]
pub static MUNICIPALITY_DISTRICTS: &[(&str, &[&str])] = &[
    ("北京市", &[
        "东城区", "西城区", "朝阳区", "丰台区", "石景山区", "海淀区", "门头沟区", "房山区", "通州区", "顺义区", "昌平区",
        "大兴区", "怀柔区", "平谷区", "密云区", "延庆区",
    ]),
    ("天津市", &[
        "和平区", "河东区", "河西区", "南开区", "河北区", "红桥区", "东丽区", "西青区", "津南区", "北辰区", "武清区", "宝坻区",
        "滨海新区", "宁河区", "静海区", "蓟州区",
    ]),
    ("上海市", &[
        "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区", "宝山区", "嘉定区", "浦东新区", "金山区",
        "松江区", "青浦区", "奉贤区", "崇明区",
    ]),
    ("重庆市", &[
        "万州区", "涪陵区", "渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "綦江区", "大足区",
        "渝北区", "巴南区", "黔江区", "长寿区", "江津区", "合川区", "永川区", "南川区", "璧山区", "铜梁区", "潼南区", "荣昌区",
        "开州区", "梁平区", "武隆区", "城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县", "巫山县", "巫溪县",
        "石柱土家族自治县", "秀山土家族苗族自治县", "酉阳土家族苗族自治县", "彭水苗族土家族自治县",
    ]),
];

/// County-level units administered directly by a province (no prefecture): `(name, province)`.
pub static PROVINCE_ADMINISTERED_COUNTIES: &[(&str, &str)] = &[
    ("济源市", "河南省"),
    ("仙桃市", "湖北省"),
    ("潜江市", "湖北省"),
    ("天门市", "湖北省"),
    ("神农架林区", "湖北省"),
    ("五指山市", "海南省"),
    ("琼海市", "海南省"),
    ("文昌市", "海南省"),
    ("万宁市", "海南省"),
    ("东方市", "海南省"),
    ("定安县", "海南省"),
    ("屯昌县", "海南省"),
    ("澄迈县", "海南省"),
    ("临高县", "海南省"),
    ("白沙黎族自治县", "海南省"),
    ("昌江黎族自治县", "海南省"),
    ("乐东黎族自治县", "海南省"),
    ("陵水黎族自治县", "海南省"),
    ("保亭黎族苗族自治县", "海南省"),
    ("琼中黎族苗族自治县", "海南省"),
    ("石河子市", "新疆维吾尔自治区"),
    ("阿拉尔市", "新疆维吾尔自治区"),
    ("图木舒克市", "新疆维吾尔自治区"),
    ("五家渠市", "新疆维吾尔自治区"),
    ("北屯市", "新疆维吾尔自治区"),
    ("铁门关市", "新疆维吾尔自治区"),
    ("双河市", "新疆维吾尔自治区"),
    ("可克达拉市", "新疆维吾尔自治区"),
    ("昆玉市", "新疆维吾尔自治区"),
    ("胡杨河市", "新疆维吾尔自治区"),
    ("新星市", "新疆维吾尔自治区"),
    ("白杨市", "新疆维吾尔自治区"),
];

/// Prefecture-level 文号 abbreviations that are not the first character of the city's name
/// (`穗府办` = 广州). Used by [`infer_region`] only.
static CITY_ABBREVS: &[(char, &str)] = &[
    ('穗', "广州市"),
    ('甬', "宁波市"),
    ('榕', "福州市"),
    ('邕', "南宁市"),
    ('蓉', "成都市"),
    ('筑', "贵阳市"),
];

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

/// The provincial-level unit with this full or short name (`广东省`, `广东`).
pub fn province(name: &str) -> Option<&'static Province> {
    let name = name.trim();
    PROVINCES.iter().find(|p| p.name == name || p.short == name)
}

/// The short name of a prefecture-level unit: `广州市` → `广州`, `大兴安岭地区` → `大兴安岭`,
/// `兴安盟` → `兴安`, `延边朝鲜族自治州` → `延边`. Any other name is returned unchanged.
pub fn prefecture_short_name(full: &'static str) -> &'static str {
    if let Some(&(_, s)) = AUTONOMOUS_PREFECTURE_SHORT.iter().find(|(f, _)| *f == full) {
        return s;
    }
    for suffix in ["地区", "市", "盟"] {
        if let Some(s) = full.strip_suffix(suffix) {
            if s.chars().count() >= 2 {
                return s;
            }
        }
    }
    full
}

/// Iterate over `(prefecture, province)`.
pub fn prefectures() -> impl Iterator<Item = (&'static str, &'static str)> {
    PREFECTURES
        .iter()
        .flat_map(|(prov, names)| names.iter().map(move |n| (*n, *prov)))
}

/// The canonical full name of a prefecture-level unit given its full or short name.
pub fn prefecture(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if let Some((n, _)) = prefectures().find(|(n, _)| *n == name) {
        return Some(n);
    }
    let mut hits = prefectures().filter(|(n, _)| prefecture_short_name(n) == name);
    match (hits.next(), hits.next()) {
        (Some((n, _)), None) => Some(n),
        _ => None,
    }
}

/// The province of a prefecture-level city (or 地区 / 自治州 / 盟), by full or short name:
/// `广州市` or `广州` → `广东省`. A municipality is its own city (`天津市` → `天津市`), and a
/// county-level unit under direct provincial administration gives its province (`济源市` →
/// `河南省`).
///
/// A short name that is also the short name of a *different* province is not accepted as a
/// city (`海南` is 海南省, not 青海's 海南藏族自治州); use the full name for that.
pub fn province_of_city(city: &str) -> Option<&'static str> {
    let city = city.trim();
    if city.is_empty() {
        return None;
    }
    if let Some(pr) = province(city) {
        if pr.kind == ProvinceKind::Municipality {
            return Some(pr.name);
        }
    }
    if let Some((_, pr)) = prefectures().find(|(n, _)| *n == city) {
        return Some(pr);
    }
    if let Some(&(_, pr)) = PROVINCE_ADMINISTERED_COUNTIES
        .iter()
        .find(|(n, _)| *n == city)
    {
        return Some(pr);
    }
    let full = prefecture(city)?;
    let pr = prefectures().find(|(n, _)| *n == full).map(|(_, p)| p)?;
    match province(city) {
        Some(other) if other.name != pr => None,
        _ => Some(pr),
    }
}

/// The provincial-level unit (full name) for a 文号 abbreviation: `粤` → `广东省`, `津` → `天津市`,
/// `黔` or `贵` → `贵州省`.
pub fn province_by_abbrev(ch: char) -> Option<&'static str> {
    PROVINCES
        .iter()
        .find(|p| p.abbrevs.contains(&ch))
        .map(|p| p.name)
}

/// Whether `name` is one of the four municipalities (`天津市` or `天津`).
pub fn is_municipality(name: &str) -> bool {
    province(name).is_some_and(|p| p.kind == ProvinceKind::Municipality)
}

/// The districts and counties of a municipality (full or short name).
pub fn municipality_districts(municipality: &str) -> Option<&'static [&'static str]> {
    let m = province(municipality)?;
    MUNICIPALITY_DISTRICTS
        .iter()
        .find(|(n, _)| *n == m.name)
        .map(|(_, d)| *d)
}

/// The unique district or county of `municipality` whose name starts with `prefix`:
/// (`天津市`, `和`) → `和平区`; (`天津市`, `河`) → `None` (河东区, 河西区, 河北区). An exact full
/// name always matches. Empty prefix or unknown municipality → `None`.
pub fn municipality_district_by_prefix(municipality: &str, prefix: &str) -> Option<&'static str> {
    let prefix = prefix.trim();
    if prefix.is_empty() {
        return None;
    }
    let districts = municipality_districts(municipality)?;
    if let Some(d) = districts.iter().find(|d| **d == prefix) {
        return Some(d);
    }
    let mut hits = districts.iter().filter(|d| d.starts_with(prefix));
    match (hits.next(), hits.next()) {
        (Some(d), None) => Some(d),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Finding mentions in text
// ---------------------------------------------------------------------------------------------

/// Administrative level of a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegionLevel {
    /// Provincial-level unit, including the four municipalities.
    Province,
    /// Prefecture-level unit.
    City,
    /// County-level unit (区, 县, 县级市, 旗, 自治县, …).
    County,
}

/// A place name found by [`find_regions`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionMention {
    pub level: RegionLevel,
    /// Canonical full name for provinces and cities (`广东省` also when `广东` was printed);
    /// the county name as printed.
    pub name: String,
    /// The provincial-level unit it belongs to (itself for a province).
    pub province: Option<&'static str>,
    /// For a city: itself. For a county: the city (or municipality) it was found after; `None`
    /// for a county under direct provincial administration.
    pub city: Option<&'static str>,
    /// Char offsets (not bytes) of the printed name in the searched text; `end` is exclusive.
    pub start: usize,
    pub end: usize,
    /// The short name of a provincial-level unit was printed (`广东`), not its full name.
    pub short: bool,
}

#[derive(Debug)]
struct Pattern {
    chars: Vec<char>,
    level: RegionLevel,
    name: &'static str,
    province: &'static str,
    short: bool,
}

/// Patterns indexed by first char, longest first.
fn pattern_index() -> &'static HashMap<char, Vec<Pattern>> {
    static INDEX: OnceLock<HashMap<char, Vec<Pattern>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut all = Vec::new();
        for p in PROVINCES {
            all.push(Pattern {
                chars: p.name.chars().collect(),
                level: RegionLevel::Province,
                name: p.name,
                province: p.name,
                short: false,
            });
            all.push(Pattern {
                chars: p.short.chars().collect(),
                level: RegionLevel::Province,
                name: p.name,
                province: p.name,
                short: true,
            });
        }
        for (name, prov) in prefectures() {
            all.push(Pattern {
                chars: name.chars().collect(),
                level: RegionLevel::City,
                name,
                province: prov,
                short: false,
            });
        }
        for (name, prov) in PROVINCE_ADMINISTERED_COUNTIES {
            all.push(Pattern {
                chars: name.chars().collect(),
                level: RegionLevel::County,
                name,
                province: prov,
                short: false,
            });
        }
        let mut index: HashMap<char, Vec<Pattern>> = HashMap::new();
        for pat in all {
            if let Some(&c) = pat.chars.first() {
                index.entry(c).or_default().push(pat);
            }
        }
        for v in index.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.chars.len()));
        }
        index
    })
}

fn starts_with_at(chars: &[char], at: usize, pat: &[char]) -> bool {
    chars.len() >= at + pat.len() && chars[at..at + pat.len()] == *pat
}

/// `pat` is printed at `at` and is not the start of `…市场` (`中山市场`, `东方市场`).
fn matches_at(chars: &[char], at: usize, pat: &[char]) -> bool {
    starts_with_at(chars, at, pat)
        && !(pat.last() == Some(&'市') && chars.get(at + pat.len()) == Some(&'场'))
}

/// Words that look like a county name to the generic rule but are not.
pub const COUNTY_STOP_WORDS: &[&str] = &[
    "城市",
    "超市",
    "都市",
    "县市",
    "省市",
    "地市",
    "城区",
    "市区",
    "县区",
    "郊区",
    "辖区",
    "社区",
    "学区",
    "园区",
    "片区",
    "校区",
    "山区",
    "景区",
    "小区",
    "老区",
    "灾区",
    "牧区",
    "库区",
    "主城区",
    "中心城区",
    "示范区",
    "实验区",
    "试验区",
    "开发区",
    "高新区",
    "经开区",
    "保税区",
    "自贸区",
    "功能区",
    "先行区",
    "集聚区",
    "新城区域",
];

/// First characters that never start a county name after a city (`全市`, `各县`, `本区`).
const COUNTY_STOP_FIRST: &[char] = &[
    '全', '各', '本', '该', '每', '等', '与', '及', '的', '在', '对', '以', '为', '将', '把', '所',
    '省', '市', '县', '区', '旗', '镇', '乡', '村',
];

/// Length in chars of a county-level name starting at `at`, by the generic rule (see
/// [`find_regions`]).
fn generic_county_at(chars: &[char], at: usize) -> Option<usize> {
    let first = *chars.get(at)?;
    if !is_han(first) || COUNTY_STOP_FIRST.contains(&first) {
        return None;
    }
    // Autonomous counties and banners: `连南瑶族自治县`, `鄂伦春自治旗` (up to 12 chars).
    let window: String = chars[at..chars.len().min(at + 12)].iter().collect();
    for suffix in ["自治县", "自治旗"] {
        if let Some(i) = window.find(suffix) {
            let head = &window[..i];
            let n = head.chars().count() + 3;
            // `连山县和连南瑶族自治县` is two names, not one.
            let single = !head.contains(['区', '县', '市', '旗', '和', '与', '及']);
            if single && window.chars().take(n).all(is_han) && n >= 4 {
                return Some(n);
            }
        }
    }
    let mut len = None;
    for k in 1..4 {
        let c = *chars.get(at + k)?;
        if !is_han(c) {
            return None;
        }
        if matches!(c, '区' | '县' | '市' | '旗') {
            len = Some(k + 1);
            break;
        }
    }
    let len = len?;
    let cand: String = chars[at..at + len].iter().collect();
    let numeral = "一二三四五六七八九十两几多".contains(first);
    if COUNTY_STOP_WORDS.contains(&cand.as_str())
        || (len == 2 && numeral)
        || cand.contains("教育")
        || cand.ends_with("强区")
        || cand.ends_with("强县")
        || cand.ends_with("强市")
        || prefectures().any(|(n, _)| n == cand)
        || PROVINCES.iter().any(|p| p.name == cand)
    {
        return None;
    }
    Some(len)
}

/// Find mentions of provincial-level units, prefecture-level units and county-level units in a
/// title-like string. Offsets are in chars.
///
/// Rules:
///
/// 1. The text is scanned left to right; at each position the longest known name wins and the
///    scan resumes after it. Known names are the full names of provincial-level units, their
///    short names (flagged [`RegionMention::short`]), and full names of prefecture-level units.
///    Short prefecture names (`广州`) are **not** matched: they occur inside too many ordinary
///    words. The county-level units of [`PROVINCE_ADMINISTERED_COUNTIES`] (`济源市`) are matched
///    anywhere, as counties with `city` = `None`. A name ending in `市` directly followed by `场`
///    is skipped (`中山市场`, `东方市场`).
/// 2. Right after a municipality (`天津市`, or `天津`), one of its listed districts/counties
///    (`和平区`) is a county mention.
/// 3. Right after a province, a county-level unit under direct provincial administration
///    (`河南省济源市`, `海南省琼海市`) is a county mention.
/// 4. Generic rule — right after a prefecture-level name (or a municipality, when none of its
///    listed districts matches, e.g. a pre-reform name like `蓟县`): the next 2–4 CJK characters
///    ending in `区`, `县`, `市` or `旗` (the first such character from the second position on) form a
///    county-level name (`广州市从化区`, `平凉市崆峒区`, `清远市英德市`, `天津市滨海新区`); names
///    ending in `自治县` / `自治旗` may be up to 12 characters (`清远市连南瑶族自治县`). Not
///    counted: candidates starting with `全 各 本 该 每 等 与 及 的 在 对 以 为 将 把 所 省 市 县 区
///    旗 镇 乡 村` (`全市`, `各县`, `市直`), two-character candidates starting with a numeral
///    (`两区`), common words ([`COUNTY_STOP_WORDS`]: `城区`, `社区`, `示范区`, …), candidates
///    containing `教育` or ending in `强区`/`强县`/`强市` (`教育强市`), and known prefecture or
///    province names. A county name printed without its city before it (`英德市` alone) is not
///    found: county-level units are not listed.
pub fn find_regions(text: &str) -> Vec<RegionMention> {
    let chars: Vec<char> = text.chars().collect();
    let index = pattern_index();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(pat) = index
            .get(&chars[i])
            .and_then(|pats| pats.iter().find(|p| matches_at(&chars, i, &p.chars)))
        else {
            i += 1;
            continue;
        };
        let end = i + pat.chars.len();
        out.push(RegionMention {
            level: pat.level,
            name: pat.name.to_string(),
            province: Some(pat.province),
            city: (pat.level == RegionLevel::City).then_some(pat.name),
            start: i,
            end,
            short: pat.short,
        });
        i = end;

        // A county right after it?
        let mut county: Option<(usize, Option<&'static str>)> = None;
        if pat.level == RegionLevel::Province {
            if is_municipality(pat.name) {
                let listed = municipality_districts(pat.name)
                    .unwrap_or(&[])
                    .iter()
                    .map(|d| d.chars().collect::<Vec<char>>())
                    .filter(|d| starts_with_at(&chars, i, d))
                    .map(|d| d.len())
                    .max();
                county = listed
                    .or_else(|| generic_county_at(&chars, i))
                    .map(|n| (n, Some(pat.name)));
            } else {
                county = PROVINCE_ADMINISTERED_COUNTIES
                    .iter()
                    .filter(|(_, pr)| *pr == pat.name)
                    .map(|(n, _)| n.chars().collect::<Vec<char>>())
                    .filter(|n| starts_with_at(&chars, i, n))
                    .map(|n| (n.len(), None))
                    .next();
            }
        } else if pat.level == RegionLevel::City {
            county = generic_county_at(&chars, i).map(|n| (n, Some(pat.name)));
        }
        if let Some((n, city)) = county {
            out.push(RegionMention {
                level: RegionLevel::County,
                name: chars[i..i + n].iter().collect(),
                province: Some(pat.province),
                city,
                start: i,
                end: i + n,
                short: false,
            });
            i += n;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Inference
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Partial {
    province: Option<String>,
    city: Option<String>,
    county: Option<String>,
}

impl Partial {
    fn is_empty(&self) -> bool {
        self.province.is_none() && self.city.is_none() && self.county.is_none()
    }

    /// Fill the province from the city, and city = province for a municipality.
    fn complete(mut self) -> Self {
        if self.province.is_none() {
            if let Some(c) = &self.city {
                self.province = province_of_city(c).map(str::to_string);
            }
        }
        if let Some(pr) = &self.province {
            if is_municipality(pr) {
                self.city = Some(pr.clone());
            }
        }
        self
    }

    /// Take what `other` adds, unless it contradicts what is known.
    fn merge(&mut self, other: Partial) {
        let other = other.complete();
        let conflicts =
            |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(x), Some(y)) if x != y);
        if conflicts(&self.province, &other.province) || conflicts(&self.city, &other.city) {
            return;
        }
        if self.county.is_some() && other.county.is_some() {
            // Same place or a competing county: keep ours, but take nothing else either when
            // the counties differ.
            if self.county != other.county {
                return;
            }
        }
        if self.province.is_none() {
            self.province = other.province;
        }
        if self.city.is_none() {
            self.city = other.city;
        }
        if self.county.is_none() {
            self.county = other.county;
        }
    }
}

/// A consistent reading of the mentions, in text order: each mention is taken if it agrees with
/// what was taken before (the first mention decides the province).
fn from_mentions(mentions: &[RegionMention], allow_short: bool) -> Partial {
    let mut p = Partial::default();
    for m in mentions {
        if m.short && !allow_short {
            continue;
        }
        let prov = m.province.map(str::to_string);
        if p.province.is_some() && prov.is_some() && p.province != prov {
            continue;
        }
        match m.level {
            RegionLevel::Province => {
                if p.province.is_none() {
                    p.province = prov;
                }
            }
            RegionLevel::City => {
                if p.city.is_none() {
                    p.city = Some(m.name.clone());
                    p.province = prov;
                }
            }
            RegionLevel::County => {
                let city = m.city.map(str::to_string);
                let city_ok = match (&p.city, &city) {
                    (Some(a), Some(b)) => a == b || is_municipality(b),
                    (None, _) => true,
                    (Some(_), None) => false,
                };
                if p.county.is_none() && city_ok {
                    p.county = Some(m.name.clone());
                    if p.city.is_none() {
                        p.city = city;
                    }
                    p.province = prov;
                }
            }
        }
    }
    p.complete()
}

/// Region from a 文号: the first character is a province abbreviation (`粤府办〔2023〕1号` →
/// 广东省). For a municipality, the district is the one whose name without its last character
/// starts the 文号 (`津南政发` → 津南区, `渝北府发` → 渝北区), else the unique district whose name
/// starts with the second character (`津和党发202214号` → 和平区). Otherwise the first character
/// may name a city: one of [`CITY_ABBREVS`] (`穗` → 广州市), or the first character of exactly
/// one prefecture-level name (`揭府办函` → 揭阳市) — the latter only when `context` (title,
/// issuer, body) contains that city's short name, since county-level 文号 often start with the
/// county's own first character (`北碚府发` is 重庆 北碚区, not 北海市).
fn from_doc_number(doc_number: &str, context: &[&str]) -> Partial {
    let doc_number = doc_number.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    let mut cs = doc_number.chars();
    let Some(first) = cs.next() else {
        return Partial::default();
    };
    let second = cs.next();
    if let Some(pr) = province_by_abbrev(first) {
        let county = if is_municipality(pr) {
            let by_name = municipality_districts(pr).unwrap_or(&[]).iter().find(|d| {
                let stem: String = d
                    .chars()
                    .take(d.chars().count().saturating_sub(1))
                    .collect();
                stem.chars().count() >= 2 && doc_number.starts_with(&stem)
            });
            by_name.copied().or_else(|| {
                second.and_then(|c| municipality_district_by_prefix(pr, c.encode_utf8(&mut [0; 4])))
            })
        } else {
            None
        };
        return Partial {
            province: Some(pr.to_string()),
            city: None,
            county: county.map(str::to_string),
        };
    }
    if let Some(&(_, city)) = CITY_ABBREVS.iter().find(|(c, _)| *c == first) {
        return Partial {
            city: Some(city.to_string()),
            ..Default::default()
        };
    }
    let mut hits = prefectures().filter(|(n, _)| n.starts_with(first));
    match (hits.next(), hits.next()) {
        (Some((n, _)), None) if context.iter().any(|t| t.contains(prefecture_short_name(n))) => {
            Partial {
                city: Some(n.to_string()),
                ..Default::default()
            }
        }
        _ => Partial::default(),
    }
}

/// Region from body text: the most frequent prefecture-level name (full names only; ties go to
/// the earliest), else the most frequent full provincial-level name. No county.
/// A county-level unit named at the very start of a title or issuer: 2–5 Han chars ending in
/// 区/县/市/旗 (up to 12 for 自治县/自治旗) that is not a province or prefecture, does not start
/// with a generic word (全/各/本/我/该/市/区/县), and is not one of the common false hits.
pub fn leading_county(text: &str) -> Option<String> {
    let chars: Vec<char> = text.trim_start().chars().collect();
    let han = chars.iter().take_while(|&&c| is_han(c)).count();
    let first = *chars.first()?;
    if "全各本我该市区县".contains(first) {
        return None;
    }
    for end in 2..=han.min(12) {
        let c = chars[end - 1];
        if !matches!(c, '区' | '县' | '市' | '旗') {
            continue;
        }
        let name: String = chars[..end].iter().collect();
        let autonomous = name.ends_with("自治县") || name.ends_with("自治旗");
        if end > 5 && !autonomous {
            continue;
        }
        if province(&name).is_some() || prefecture(&name).is_some() {
            return None;
        }
        if [
            "城区",
            "新区",
            "社区",
            "园区",
            "景区",
            "示范区",
            "实验区",
            "开发区",
        ]
        .contains(&name.as_str())
        {
            return None;
        }
        return Some(name);
    }
    None
}

/// Place a county named without its city: a municipality district gives the municipality; else
/// the city printed right before the county in the body (`广州市从化区`), else the city the body
/// names most often.
fn county_partial(county: &str, body: &str) -> Partial {
    for m in ["北京市", "天津市", "上海市", "重庆市"] {
        if municipality_districts(m).is_some_and(|ds| ds.contains(&county)) {
            return Partial {
                province: Some(m.to_string()),
                city: Some(m.to_string()),
                county: Some(county.to_string()),
            };
        }
    }
    let mentions = find_regions(body);
    let before = mentions.iter().find(|m| {
        m.level == RegionLevel::City
            && !m.short
            && body
                .chars()
                .skip(m.end)
                .take(county.chars().count())
                .collect::<String>()
                == county
    });
    let mut out = match before {
        Some(m) => Partial {
            city: Some(m.name.to_string()),
            ..Default::default()
        },
        None => from_body(body),
    };
    out.county = Some(county.to_string());
    out
}

fn from_body(body: &str) -> Partial {
    let mentions = find_regions(body);
    for level in [RegionLevel::City, RegionLevel::Province] {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for m in mentions.iter().filter(|m| m.level == level && !m.short) {
            match counts.iter_mut().find(|(n, _)| *n == m.name) {
                Some((_, k)) => *k += 1,
                None => counts.push((&m.name, 1)),
            }
        }
        // max_by_key keeps the last maximum; iterate reversed so the earliest wins ties.
        if let Some((name, _)) = counts.iter().rev().max_by_key(|(_, k)| *k) {
            return match level {
                RegionLevel::City => Partial {
                    city: Some(name.to_string()),
                    ..Default::default()
                },
                _ => Partial {
                    province: Some(name.to_string()),
                    ..Default::default()
                },
            };
        }
    }
    Partial::default()
}

/// Place a plan: province, city and county.
///
/// Signals, strongest first; each later signal only fills fields still empty and is ignored
/// when it contradicts what is already known (another province or city):
///
/// 1. the title ([`find_regions`], short provincial names allowed);
/// 2. the issuer;
/// 3. the 文号 prefix: `粤府办〔2023〕1号` → 广东省; `津和党发202214号` → 天津市 + the unique
///    天津 district starting with `和` (和平区), `津南政发` → 津南区; `穗府办` → 广州市 (classic
///    city abbreviations); `揭府办函〔…〕` → 揭阳市 (a character that starts exactly one
///    prefecture name, accepted only when that city's short name occurs in the title, issuer or
///    body sample);
/// 4. only when 1–3 gave nothing at all: the body sample — the most frequent full
///    prefecture-level name, else the most frequent full provincial-level name.
///
/// Then the province is derived from the city, and for a municipality `city` = `province`
/// (`天津市`/`天津市`/`和平区`). A county under direct provincial administration (济源市) has
/// `city` = `None`.
pub fn infer_region(
    title: &str,
    issuer: Option<&str>,
    doc_number: Option<&str>,
    body_sample: &str,
) -> Region {
    let mut p = from_mentions(&find_regions(title), true);
    if let Some(issuer) = issuer {
        p.merge(from_mentions(&find_regions(issuer), true));
    }
    // a county-level name opening the title or the issuer (`英德市教育事业…`, `崆峒区…`)
    if p.county.is_none() {
        if let Some(name) = leading_county(title).or_else(|| issuer.and_then(leading_county)) {
            p.merge(county_partial(&name, body_sample));
        }
    }
    if let Some(dn) = doc_number {
        p.merge(from_doc_number(
            dn,
            &[title, issuer.unwrap_or(""), body_sample],
        ));
    }
    if p.is_empty() {
        p.merge(from_body(body_sample));
    }
    let p = p.complete();
    Region {
        province: p.province,
        city: p.city,
        county: p.county,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn region(p: &str, c: &str, k: Option<&str>) -> Region {
        let s = |x: &str| (!x.is_empty()).then(|| x.to_string());
        Region {
            province: s(p),
            city: s(c),
            county: k.map(str::to_string),
        }
    }

    #[test]
    fn data_sizes() {
        assert_eq!(PROVINCES.len(), 34);
        assert_eq!(prefectures().count(), 333);
        let count = |suffix: &str| prefectures().filter(|(n, _)| n.ends_with(suffix)).count();
        assert_eq!(count("自治州"), 30);
        assert_eq!(count("地区"), 7);
        assert_eq!(count("盟"), 3);
        assert_eq!(count("市"), 293);
        assert_eq!(AUTONOMOUS_PREFECTURE_SHORT.len(), 30);
        for (full, _) in AUTONOMOUS_PREFECTURE_SHORT {
            assert!(prefectures().any(|(n, _)| n == *full), "{full}");
        }
        let sizes: Vec<usize> = MUNICIPALITY_DISTRICTS
            .iter()
            .map(|(_, d)| d.len())
            .collect();
        assert_eq!(sizes, vec![16, 16, 16, 38]);
        // Every province of the prefecture table exists; no duplicate names anywhere.
        for (pr, _) in PREFECTURES {
            assert!(province(pr).is_some(), "{pr}");
        }
        let mut names: Vec<&str> = prefectures().map(|(n, _)| n).collect();
        names.extend(PROVINCE_ADMINISTERED_COUNTIES.iter().map(|(n, _)| *n));
        names.extend(PROVINCES.iter().map(|p| p.name));
        let before = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), before);
        // Abbreviations are unique.
        let mut abbrevs: Vec<char> = PROVINCES
            .iter()
            .flat_map(|p| p.abbrevs.iter().copied())
            .collect();
        let before = abbrevs.len();
        abbrevs.sort();
        abbrevs.dedup();
        assert_eq!(abbrevs.len(), before);
    }

    #[test]
    fn lookups() {
        assert_eq!(province_of_city("广州市"), Some("广东省"));
        assert_eq!(province_of_city("广州"), Some("广东省"));
        assert_eq!(province_of_city("揭阳市"), Some("广东省"));
        assert_eq!(province_of_city("清远"), Some("广东省"));
        assert_eq!(province_of_city("平凉市"), Some("甘肃省"));
        assert_eq!(province_of_city("天津市"), Some("天津市"));
        assert_eq!(province_of_city("吉林"), Some("吉林省"));
        assert_eq!(province_of_city("延边"), Some("吉林省"));
        assert_eq!(province_of_city("海南藏族自治州"), Some("青海省"));
        assert_eq!(province_of_city("海南"), None);
        assert_eq!(province_of_city("广东省"), None);
        assert_eq!(province_of_city("济源市"), Some("河南省"));
        assert_eq!(province_of_city("锡林郭勒"), Some("内蒙古自治区"));
        assert_eq!(province_of_city(""), None);
        assert_eq!(province_by_abbrev('粤'), Some("广东省"));
        assert_eq!(province_by_abbrev('桂'), Some("广西壮族自治区"));
        assert_eq!(province_by_abbrev('津'), Some("天津市"));
        assert_eq!(province_by_abbrev('蜀'), Some("四川省"));
        assert_eq!(province_by_abbrev('黔'), Some("贵州省"));
        assert_eq!(province_by_abbrev('陇'), Some("甘肃省"));
        assert_eq!(province_by_abbrev('揭'), None);
        assert!(is_municipality("天津市") && is_municipality("重庆"));
        assert!(!is_municipality("广州市") && !is_municipality("广东省"));
        assert_eq!(
            municipality_district_by_prefix("天津市", "和"),
            Some("和平区")
        );
        assert_eq!(municipality_district_by_prefix("天津", "河"), None);
        assert_eq!(
            municipality_district_by_prefix("天津市", "河西"),
            Some("河西区")
        );
        assert_eq!(
            municipality_district_by_prefix("天津市", "滨"),
            Some("滨海新区")
        );
        assert_eq!(
            municipality_district_by_prefix("北京市", "朝"),
            Some("朝阳区")
        );
        assert_eq!(
            municipality_district_by_prefix("重庆市", "忠县"),
            Some("忠县")
        );
        assert_eq!(municipality_district_by_prefix("重庆市", "巫"), None);
        assert_eq!(municipality_district_by_prefix("天津市", ""), None);
        assert_eq!(municipality_district_by_prefix("广州市", "从"), None);
        assert_eq!(prefecture_short_name("大兴安岭地区"), "大兴安岭");
        assert_eq!(prefecture_short_name("兴安盟"), "兴安");
        assert_eq!(prefecture_short_name("黔东南苗族侗族自治州"), "黔东南");
    }

    fn brief(ms: &[RegionMention]) -> Vec<(RegionLevel, String, usize, usize)> {
        ms.iter()
            .map(|m| (m.level, m.name.clone(), m.start, m.end))
            .collect()
    }

    #[test]
    fn find_regions_in_titles() {
        use RegionLevel::*;
        let ms = find_regions("广州市从化区教育事业发展\u{201c}十四五\u{201d}规划");
        assert_eq!(
            brief(&ms),
            vec![
                (City, "广州市".into(), 0, 3),
                (County, "从化区".into(), 3, 6)
            ]
        );
        assert_eq!(ms[1].city, Some("广州市"));
        assert_eq!(ms[1].province, Some("广东省"));
        let ms = find_regions("平凉市崆峒区\u{201c}十四五\u{201d}教育事业发展专项规划");
        assert_eq!(
            brief(&ms),
            vec![
                (City, "平凉市".into(), 0, 3),
                (County, "崆峒区".into(), 3, 6)
            ]
        );
        assert_eq!(
            brief(&find_regions("清远市2022年教育工作要点")),
            vec![(City, "清远市".into(), 0, 3)]
        );
        let ms = find_regions("关于甘肃省教育");
        assert_eq!(brief(&ms), vec![(Province, "甘肃省".into(), 2, 5)]);
        assert!(!ms[0].short);
        let ms = find_regions("广东教育现代化2035");
        assert_eq!(brief(&ms), vec![(Province, "广东省".into(), 0, 2)]);
        assert!(ms[0].short);
        let ms = find_regions("天津市滨海新区教育");
        assert_eq!(
            brief(&ms),
            vec![
                (Province, "天津市".into(), 0, 3),
                (County, "滨海新区".into(), 3, 7)
            ]
        );
        let ms = find_regions("清远市连南瑶族自治县教育局");
        assert_eq!(ms[1].name, "连南瑶族自治县");
        let ms = find_regions("海南省琼海市教育");
        assert_eq!(
            brief(&ms),
            vec![
                (Province, "海南省".into(), 0, 3),
                (County, "琼海市".into(), 3, 6)
            ]
        );
        assert_eq!(ms[1].city, None);
        // Not counties.
        for t in [
            "揭阳市人民政府",
            "揭阳市全市",
            "揭阳市各县(市、区)",
            "广州市社区教育",
            "清远市城区学校",
            "揭阳市创建教育强市",
            "广州市两区",
            "揭阳市\u{201c}百县千镇万村\u{201d}",
        ] {
            let ms = find_regions(t);
            assert!(ms.iter().all(|m| m.level != County), "{t}: {ms:?}");
        }
        // Longest match: 海南藏族自治州 is not 海南省.
        let ms = find_regions("海南藏族自治州共和县");
        assert_eq!(
            brief(&ms),
            vec![
                (City, "海南藏族自治州".into(), 0, 7),
                (County, "共和县".into(), 7, 10)
            ]
        );
        assert_eq!(ms[0].province, Some("青海省"));
        // Char offsets, not bytes.
        let ms = find_regions("ab揭阳市");
        assert_eq!((ms[0].start, ms[0].end), (2, 5));
    }

    #[test]
    fn gold_regions() {
        assert_eq!(
            infer_region(
                "广州市从化区教育事业发展\u{201c}十四五\u{201d}规划(2021\u{2014}2025年)",
                Some("广州市从化区人民政府办公室"),
                None,
                ""
            ),
            region("广东省", "广州市", Some("从化区"))
        );
        assert_eq!(
            infer_region(
                "揭阳市\u{201c}百县千镇万村高质量发展工程\u{201d}教育行动方案(2023-2027年)",
                Some("揭阳市人民政府办公室"),
                Some("揭府办函〔2023〕58号"),
                ""
            ),
            region("广东省", "揭阳市", None)
        );
        assert_eq!(
            infer_region(
                "平凉市崆峒区\u{201c}十四五\u{201d}教育事业发展专项规划",
                Some("平凉市崆峒区教育局"),
                Some("区教发〔2021〕515号"),
                ""
            ),
            region("甘肃省", "平凉市", Some("崆峒区"))
        );
        assert_eq!(
            infer_region(
                "*教化现代化2035",
                Some("中共*市*区委员会 *市*区人民政府"),
                Some("津和党发202214号"),
                "京津冀协同发展,北京市"
            ),
            region("天津市", "天津市", Some("和平区"))
        );
        assert_eq!(
            infer_region(
                "清远市2022年教育工作要点",
                Some("清远市教育局"),
                None,
                "落实广东省推动基础教育高质量发展行动方案,广州清远两地"
            ),
            region("广东省", "清远市", None)
        );
    }

    #[test]
    fn own_regions() {
        // Province-level plan.
        assert_eq!(
            infer_region(
                "广东省教育发展\u{201c}十四五\u{201d}规划",
                Some("广东省人民政府办公厅"),
                Some("粤府办〔2021〕42号"),
                ""
            ),
            region("广东省", "", None)
        );
        // Province from the 文号 only.
        assert_eq!(
            infer_region("教育发展规划", None, Some("粤府办〔2023〕1号"), ""),
            region("广东省", "", None)
        );
        // County-level city after its prefecture.
        assert_eq!(
            infer_region(
                "清远市英德市2023年教育工作要点",
                Some("英德市教育局"),
                None,
                ""
            ),
            region("广东省", "清远市", Some("英德市"))
        );
        // Autonomous prefecture and an autonomous county.
        assert_eq!(
            infer_region("延边朝鲜族自治州教育事业发展规划", None, None, ""),
            region("吉林省", "延边朝鲜族自治州", None)
        );
        assert_eq!(
            infer_region("湘西土家族苗族自治州泸溪县教育规划", None, None, ""),
            region("湖南省", "湘西土家族苗族自治州", Some("泸溪县"))
        );
        // Municipality district in the title.
        assert_eq!(
            infer_region(
                "北京市海淀区教育发展规划",
                Some("北京市海淀区教育委员会"),
                None,
                ""
            ),
            region("北京市", "北京市", Some("海淀区"))
        );
        // Issuer fills the county.
        assert_eq!(
            infer_region("揭阳市榕城区", Some("揭阳市榕城区人民政府"), None, ""),
            region("广东省", "揭阳市", Some("榕城区"))
        );
        assert_eq!(
            infer_region("教育工作要点", Some("揭阳市榕城区教育局"), None, ""),
            region("广东省", "揭阳市", Some("榕城区"))
        );
        // A contradicting issuer is ignored.
        assert_eq!(
            infer_region(
                "平凉市教育规划",
                Some("广州市教育局"),
                Some("粤教〔2021〕1号"),
                ""
            ),
            region("甘肃省", "平凉市", None)
        );
        // 文号 district stems and first-character city guesses.
        assert_eq!(
            infer_region("教育规划", None, Some("津南政发〔2021〕3号"), ""),
            region("天津市", "天津市", Some("津南区"))
        );
        assert_eq!(
            infer_region("教育规划", None, Some("渝北府发〔2021〕3号"), ""),
            region("重庆市", "重庆市", Some("渝北区"))
        );
        assert_eq!(
            infer_region("教育规划", None, Some("北碚府发〔2021〕3号"), ""),
            Region::default()
        );
        assert_eq!(
            infer_region("教育规划", None, Some("揭府办函〔2023〕58号"), "全揭阳教育"),
            region("广东省", "揭阳市", None)
        );
        // Two counties in a row are not one autonomous county.
        let ms = find_regions("清远市连山县和连南瑶族自治县");
        assert_eq!(ms[1].name, "连山县");
        // 文号 city abbreviations.
        assert_eq!(
            infer_region("教育规划", None, Some("穗府办〔2021〕1号"), ""),
            region("广东省", "广州市", None)
        );
        // Body only when nothing else: most frequent city.
        assert_eq!(
            infer_region("教育规划", None, None, "甘肃省平凉市。平凉市教育。兰州市"),
            region("甘肃省", "平凉市", None)
        );
        assert_eq!(
            infer_region("教育规划", None, None, "广东省教育厅,隆重庆祝"),
            region("广东省", "", None)
        );
        // Province-administered county-level city.
        assert_eq!(
            infer_region("济源市教育规划", None, None, ""),
            region("河南省", "", None).with_county("济源市")
        );
        assert_eq!(infer_region("", None, None, ""), Region::default());
    }

    /// Every seed: gold title / issuer / 文号 plus the seed text as body sample give the gold region.
    #[test]
    fn seeds_match_gold_region() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut n = 0;
        for entry in std::fs::read_dir(format!("{root}/tests/gold")).unwrap() {
            let path = entry.unwrap().path();
            let Some(stem) = path
                .file_name()
                .and_then(|f| f.to_str())
                .and_then(|f| f.strip_suffix(".gold.json"))
            else {
                continue;
            };
            let gold: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let body = std::fs::read_to_string(format!("{root}/seeds/{stem}.txt")).unwrap();
            let got = infer_region(
                gold["title"].as_str().unwrap(),
                gold["issuer"].as_str(),
                gold["doc_number"].as_str(),
                &body,
            );
            let s = |k: &str| gold["region"][k].as_str().map(str::to_string);
            let want = Region {
                province: s("province"),
                city: s("city"),
                county: s("county"),
            };
            assert_eq!(got, want, "{stem}");
            // The body alone never invents a county, and finds the right province where the
            // place name is printed.
            if std::env::var("PLANSCOPE_PRINT_MENTIONS").is_ok() {
                for m in find_regions(&body) {
                    eprintln!(
                        "{stem}: {:?} {} [{}..{}] short={}",
                        m.level, m.name, m.start, m.end, m.short
                    );
                }
            }
            n += 1;
        }
        assert_eq!(n, 5);
    }

    trait WithCounty {
        fn with_county(self, c: &str) -> Self;
    }
    impl WithCounty for Region {
        fn with_county(mut self, c: &str) -> Self {
            self.county = Some(c.to_string());
            self
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in "[广东省州市从化区天津和平县河西自治旗海南藏族*“”()0-9a \u{a0}]{0,30}",
                        dn in "[津粤和河揭穗府办〔〕0-9号]{0,8}") {
            let ms = find_regions(&s);
            let n = s.chars().count();
            for m in &ms {
                prop_assert!(m.start < m.end && m.end <= n);
            }
            let _ = infer_region(&s, Some(&s), Some(&dn), &s);
        }

        #[test]
        fn never_panics_any(s in any::<String>()) {
            let _ = find_regions(&s);
            let _ = infer_region(&s, Some(&s), Some(&s), &s);
            let _ = province_of_city(&s);
            let _ = municipality_district_by_prefix("天津市", &s);
        }
    }
}
