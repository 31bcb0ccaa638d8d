using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Weft.Api.Mastodon;

/// <summary>
/// Language codes of statuses and posting defaults, as Mastodon takes them (LanguagesHelper.valid_locale_or_nil): a code
/// it knows (ISO 639-1, the ISO 639-3 languages it adds, and its regional variants) is kept; otherwise the part before a
/// region ("en-US" is "en") if that is known; otherwise none. Kept lower-cased.
/// </summary>
public static class LanguageCodes
{
    /// <summary>ISO 639-1: every two-letter code with its English name, by code.</summary>
    public static readonly ImmutableArray<(string Code, string Name)> Iso639_1 =
    [
        ("aa", "Afar"), ("ab", "Abkhaz"), ("ae", "Avestan"), ("af", "Afrikaans"), ("ak", "Akan"), ("am", "Amharic"),
        ("an", "Aragonese"), ("ar", "Arabic"), ("as", "Assamese"), ("av", "Avaric"), ("ay", "Aymara"), ("az", "Azerbaijani"),
        ("ba", "Bashkir"), ("be", "Belarusian"), ("bg", "Bulgarian"), ("bh", "Bihari"), ("bi", "Bislama"), ("bm", "Bambara"),
        ("bn", "Bengali"), ("bo", "Tibetan"), ("br", "Breton"), ("bs", "Bosnian"), ("ca", "Catalan"), ("ce", "Chechen"),
        ("ch", "Chamorro"), ("co", "Corsican"), ("cr", "Cree"), ("cs", "Czech"), ("cu", "Old Church Slavonic"), ("cv", "Chuvash"),
        ("cy", "Welsh"), ("da", "Danish"), ("de", "German"), ("dv", "Divehi"), ("dz", "Dzongkha"), ("ee", "Ewe"),
        ("el", "Greek"), ("en", "English"), ("eo", "Esperanto"), ("es", "Spanish"), ("et", "Estonian"), ("eu", "Basque"),
        ("fa", "Persian"), ("ff", "Fula"), ("fi", "Finnish"), ("fj", "Fijian"), ("fo", "Faroese"), ("fr", "French"),
        ("fy", "Western Frisian"), ("ga", "Irish"), ("gd", "Scottish Gaelic"), ("gl", "Galician"), ("gn", "Guarani"), ("gu", "Gujarati"),
        ("gv", "Manx"), ("ha", "Hausa"), ("he", "Hebrew"), ("hi", "Hindi"), ("ho", "Hiri Motu"), ("hr", "Croatian"),
        ("ht", "Haitian"), ("hu", "Hungarian"), ("hy", "Armenian"), ("hz", "Herero"), ("ia", "Interlingua"), ("id", "Indonesian"),
        ("ie", "Interlingue"), ("ig", "Igbo"), ("ii", "Nuosu"), ("ik", "Inupiaq"), ("io", "Ido"), ("is", "Icelandic"),
        ("it", "Italian"), ("iu", "Inuktitut"), ("ja", "Japanese"), ("jv", "Javanese"), ("ka", "Georgian"), ("kg", "Kongo"),
        ("ki", "Kikuyu"), ("kj", "Kwanyama"), ("kk", "Kazakh"), ("kl", "Kalaallisut"), ("km", "Khmer"), ("kn", "Kannada"),
        ("ko", "Korean"), ("kr", "Kanuri"), ("ks", "Kashmiri"), ("ku", "Kurmanji (Kurdish)"), ("kv", "Komi"), ("kw", "Cornish"),
        ("ky", "Kyrgyz"), ("la", "Latin"), ("lb", "Luxembourgish"), ("lg", "Ganda"), ("li", "Limburgish"), ("ln", "Lingala"),
        ("lo", "Lao"), ("lt", "Lithuanian"), ("lu", "Luba-Katanga"), ("lv", "Latvian"), ("mg", "Malagasy"), ("mh", "Marshallese"),
        ("mi", "Māori"), ("mk", "Macedonian"), ("ml", "Malayalam"), ("mn", "Mongolian"), ("mr", "Marathi"), ("ms", "Malay"),
        ("mt", "Maltese"), ("my", "Burmese"), ("na", "Nauru"), ("nb", "Norwegian Bokmål"), ("nd", "Northern Ndebele"), ("ne", "Nepali"),
        ("ng", "Ndonga"), ("nl", "Dutch"), ("nn", "Norwegian Nynorsk"), ("no", "Norwegian"), ("nr", "Southern Ndebele"), ("nv", "Navajo"),
        ("ny", "Chichewa"), ("oc", "Occitan"), ("oj", "Ojibwe"), ("om", "Oromo"), ("or", "Oriya"), ("os", "Ossetian"),
        ("pa", "Punjabi"), ("pi", "Pāli"), ("pl", "Polish"), ("ps", "Pashto"), ("pt", "Portuguese"), ("qu", "Quechua"),
        ("rm", "Romansh"), ("rn", "Kirundi"), ("ro", "Romanian"), ("ru", "Russian"), ("rw", "Kinyarwanda"), ("sa", "Sanskrit"),
        ("sc", "Sardinian"), ("sd", "Sindhi"), ("se", "Northern Sami"), ("sg", "Sango"), ("si", "Sinhala"), ("sk", "Slovak"),
        ("sl", "Slovenian"), ("sm", "Samoan"), ("sn", "Shona"), ("so", "Somali"), ("sq", "Albanian"), ("sr", "Serbian"),
        ("ss", "Swati"), ("st", "Southern Sotho"), ("su", "Sundanese"), ("sv", "Swedish"), ("sw", "Swahili"), ("ta", "Tamil"),
        ("te", "Telugu"), ("tg", "Tajik"), ("th", "Thai"), ("ti", "Tigrinya"), ("tk", "Turkmen"), ("tl", "Tagalog"),
        ("tn", "Tswana"), ("to", "Tonga"), ("tr", "Turkish"), ("ts", "Tsonga"), ("tt", "Tatar"), ("tw", "Twi"),
        ("ty", "Tahitian"), ("ug", "Uyghur"), ("uk", "Ukrainian"), ("ur", "Urdu"), ("uz", "Uzbek"), ("ve", "Venda"),
        ("vi", "Vietnamese"), ("vo", "Volapük"), ("wa", "Walloon"), ("wo", "Wolof"), ("xh", "Xhosa"), ("yi", "Yiddish"),
        ("yo", "Yoruba"), ("za", "Zhuang"), ("zh", "Chinese"), ("zu", "Zulu"),
    ];

    // The ISO 639-3 languages and regional variants Mastodon adds to ISO 639-1.
    private static readonly string[] s_extra =
    [
        "ast", "chr", "ckb", "cnr", "csb", "gsw", "jbo", "kab", "ldn", "lfn", "moh", "nds", "pdc", "sco", "sma", "smj", "szl",
        "tok", "vai", "xal", "zba", "zgh",
        "es-ar", "es-mx", "pt-br", "pt-pt", "sr-latn", "zh-cn", "zh-hk", "zh-tw",
    ];

    private static readonly FrozenSet<string> s_known = Iso639_1.Select(language => language.Code).Concat(s_extra).ToFrozenSet();

    /// <summary>The code lower-cased if known, else its known language without the region, else null (absent or unknown).</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 16)
        {
            return null;
        }

        var lower = code.ToLowerInvariant().Replace('_', '-');
        if (s_known.Contains(lower))
        {
            return lower;
        }

        var language = lower.Split('-')[0];
        return s_known.Contains(language) ? language : null;
    }
}
