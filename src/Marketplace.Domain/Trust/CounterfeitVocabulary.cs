namespace Marketplace.Domain.Trust;

/// <summary>
/// The words of the counterfeit check, per language (en, es, pt, fr, de, ru, zh), in <see cref="ListingTitle.Text"/>'s
/// form (lower case, no Latin accents). They only count in a title that names a registered brand.
/// </summary>
internal static class CounterfeitVocabulary
{
    /// <summary>
    /// The longer accessory lexicon shipped as Trust/Words/accessory-words.txt (one term per line, '#' comments; the
    /// section after "# de-endings" lists endings of German compounds).
    /// </summary>
    public static readonly (IReadOnlyList<string> Words, IReadOnlyList<string> Endings) ShippedAccessoryWords = LoadAccessoryWords();

    /// <summary>Saying the item imitates something, anywhere in the title.</summary>
    public static readonly string[] Replica =
    [
        // English
        "replica", "replicas", "replika", "reps", "fake", "fakes", "knockoff", "knockoffs", "knock off", "knock-off", "dupe", "dupes",
        "clone", "super clone", "superclone", "first copy", "master copy", "mirror copy", "high copy", "top copy", "super copy", "supercopy", "copy 1:1", "1:1 copy",
        "1:1", "1 to 1", "1to1", "mirror quality", "mirror grade", "aaa", "aaa+", "aaaa", "aaaaa", "a+++", "7a", "grade aaa",
        "lookalike", "look-alike", "look alike", "homage", "imitation", "counterfeit", "unauthorized authentic", "not original", "non original",
        "same as original", "like original", "high quality copy", "best batch", "top batch", "ua",

        // Spanish
        "replica", "imitacion", "copia", "clon", "calidad espejo", "falsificacion", "falso", "no original", "tipo original", "alternativa",

        // Portuguese
        "imitacao", "copia", "primeira linha", "linha premium", "espelhada", "falsificado", "nao original", "contratipo",
        "inspiracao",

        // French
        "replique", "copie", "contrefacon", "imitation", "qualite miroir",

        // German
        "nachbildung", "nachbau", "kopie", "imitat", "falschung", "nachahmung", "spiegelqualitat", "nachgemacht",

        // Russian
        "реплика", "реплики", "копия", "копии", "подделка", "имитация", "паль", "палёные", "люкс копия", "зеркальная копия",
        "качество 1:1", "аналог", "не оригинал", "реплику",

        // Chinese (found anywhere in the text)
        "高仿", "复刻", "a货", "精仿", "仿品", "仿款", "仿制", "一比一", "1比1", "原单", "超a", "莆田", "平替", "山寨", "同款", "华强北",
    ];

    /// <summary>
    /// The counterfeit trade's own words, which say "fake" with no brand the registry knows: nobody sells a genuine
    /// thing as "mirror quality" or "高仿" ("高仿真", lifelike, is another word). Plain words that also name honest things
    /// ("replica" jerseys, trophies and vintage reproductions, "复刻款" retro designs, "1:1" scale and life-size models,
    /// "copy paper", "fake fur", "AAA" pearls and batteries, "A+++" fridges, "primeira linha") count only with a registered brand.
    /// </summary>
    public static readonly string[] TradeJargon =
    [
        "mirror quality", "mirror grade", "mirror copy", "super copy", "supercopy", "first copy", "master copy", "high copy", "top copy",
        "high quality copy", "copy 1:1", "1:1 copy", "super clone", "superclone", "best batch", "top batch",
        "unauthorized authentic", "knockoff", "knockoffs", "knock off", "knock-off", "calidad espejo", "contratipo", "qualite miroir",
        "spiegelqualitat", "зеркальная копия", "люкс копия", "качество 1:1", "подделка", "高仿", "a货", "精仿", "超a", "仿品", "原单",
    ];

    /// <summary>Imitation words a maker of parts uses honestly about a part made for the brand ("battery for Dyson V8, not original").</summary>
    public static readonly string[] HonestThirdParty =
    [
        "not original", "non original", "no original", "nao original", "не оригинал", "аналог",
    ];

    /// <summary>
    /// German category nouns and the endings of their compounds ("Haartrockner", "Laufschuhe", "Systemkamera"): the shipped
    /// word list has no German, so a line keyword ending so is never taken for a product name only one brand makes.
    /// </summary>
    public static readonly string[] GermanCategoryEndings =
    [
        "schuhe", "schuh", "jacke", "parka", "weste", "uhr", "kamera", "brille", "flasche", "box", "computer", "armband", "shirt",
        "tuch", "sauger", "trockner", "reiniger", "drucker", "objektiv", "patrone", "socken", "steine", "figur", "rechner",
        "gestell", "tusche", "zeug", "konsole", "kabel", "glaser", "reflex", "portemonnaie", "tasche", "mutze", "hose", "pullover",
        "kleid", "hemd", "stiefel", "sandalen", "rucksack", "koffer", "beutel", "gurtel", "kette", "ohrringe", "creme", "stift",
        "horer", "sprecher", "gerat", "handy", "spielzeug", "puppe", "topf", "pfanne", "becher", "decke", "kissen", "geschirr",
        "messer", "lampe", "spiegel", "ball", "helm", "handschuhe", "mantel", "anzug", "lauf", "ladestation",
    ];

    /// <summary>Words that say "in the style of" only right next to the brand ("Rolex-style", "style Chanel", "im Rolex-Stil", "под Rolex").</summary>
    public static readonly string[] NextToBrand =
    [
        "style", "styled", "inspired", "inspired by", "lookalike", "alike", "vibe", "vibes", "homage",
        "estilo", "tipo", "inspirado", "inspirada", "inspirados", "inspiradas", "similar",
        "facon", "genre", "inspire", "inspiree", "esprit",
        "stil", "optik", "look", "inspiriert",
        "в стиле", "стиль", "под", "типа", "аналог",
        "风", "风格",
    ];

    /// <summary>Words that deny the next replica word ("not a replica", "keine Fälschung", "не подделка", "非高仿").</summary>
    public static readonly string[] Negations =
    [
        "not", "no", "non", "never", "zero", "nor", "ni", "nada", "nao", "sem", "pas", "jamais", "aucune", "sans", "nicht", "kein", "keine",
        "ohne", "не", "без", "ни", "非", "不是", "没有", "无", "不",
    ];

    /// <summary>Saying the item goes with the brand's product ("case for iPhone", "compatible with", "für", "для", "适用于").</summary>
    public static readonly string[] Compatible =
    [
        "for", "fits", "fit", "compatible", "compatible with", "replacement for", "works with",
        "para", "compativel", "compativel com", "pour", "compatible avec", "fur", "passend fur", "kompatibel", "kompatibel mit", "passt",
        "для", "совместим", "совместимый", "подходит", "适用", "适用于", "适配", "兼容", "用于", "专用",
        "ideal", "ideal for", "ideal para", "ideale per", "idealer", "perfect for", "suitable for", "adapte", "geeignet",
    ];

    /// <summary>Things made to go with another product; not the brand's flagship.</summary>
    public static readonly string[] Accessory =
    [
        "case", "cases", "cover", "covers", "band", "bands", "strap", "straps", "laces", "shoelaces", "charger", "chargers",
        "charging cable", "cable", "cables", "adapter", "screen protector", "protector", "tempered glass", "glass film", "dust bag",
        "dustbag", "box only", "empty box", "sticker", "stickers", "decal", "keychain", "key ring", "replacement", "pads", "ear pads",
        "earpads", "ear tips", "eartips", "dock", "lens cap", "lens hood", "refill",
        "insoles", "cleaning kit", "organizer", "bag organizer", "charm", "charms", "pouch", "grip", "grips",
        "funda", "fundas", "correa", "cordones", "cargador", "cable usb", "protector de pantalla", "pulsera para",
        "capa", "capinha", "pelicula", "carregador", "cadarco", "cadarcos", "pulseira para", "suporte",
        "coque", "etui", "bracelet pour", "chargeur", "lacets", "housse",
        "hulle", "schutzhulle", "armband fur", "ladegerat", "ladekabel", "schnursenkel", "panzerglas", "halterung", "schutzfolie",
        "ersatz", "zubehor", "netzteil", "displayschutz", "schutzglas", "objektivdeckel", "ladestation", "staubbeutel", "einlegesohlen",
        "ohrpolster", "tasche fur",
        "чехол", "чехлы", "ремешок", "зарядка", "зарядное", "кабель", "стекло", "шнурки", "пленка", "держатель", "подставка",
        "壳", "手机壳", "保护壳", "保护套", "表带", "充电器", "数据线", "钢化膜", "鞋带", "防尘袋", "支架", "贴纸", "保护膜",
        "硅胶套", "充电线", "充电头", "转接头", "挂绳", "替换", "配件", "收纳", "镜头盖", "耳帽", "底座", "防尘罩", "鞋垫",
        "чехол-книжка", "защитная пленка", "защитное стекло", "накладка", "бампер", "браслет для", "амбушюры", "переходник", "адаптер",
        "зарядное устройство", "стельки", "пыльник",
        "correa para", "cargador para", "almohadillas", "cordon", "repuesto", "adaptador",
        "capa para", "pulseira para", "cabo para", "adaptador para",
        "bracelet de montre", "protection ecran", "verre trempe", "cable pour", "coussinets", "embouts", "adaptateur",
        "organizador", "organizadora", "镜头膜", "保护圈", "镜头贴", "贴膜", "背膜", "手机膜", "水凝膜",

        // Samples and minis: the brand's, but not its standard product.
        "sample", "samples", "tester", "vial", "miniature", "travel size", "muestra", "miniatura", "amostra", "echantillon",
        "probe", "proben", "пробник", "миниатюра", "小样", "试用装",
    ];

    /// <summary>Endings of German compound nouns that make an accessory ("Handyhülle", "Ersatzarmband", "Ladekabel", "Displayschutzfolie").</summary>
    public static readonly string[] AccessoryEndings =
    [
        "hulle", "kabel", "ladegerat", "folie", "schutzglas", "halterung", "polster", "senkel", "deckel", "adapter",
        "etui",
    ];

    /// <summary>Words after which an accessory is part of the item ("with box", "con caja", "avec boîte", "mit Box", "с коробкой", "带盒").</summary>
    public static readonly string[] Including =
    [
        "with", "w", "incl", "including", "includes", "plus", "and", "con", "com", "avec", "mit", "inkl", "с", "и", "带", "含", "附",
    ];

    private static (IReadOnlyList<string> Words, IReadOnlyList<string> Endings) LoadAccessoryWords()
    {
        using var stream = typeof(CounterfeitVocabulary).Assembly.GetManifestResourceStream("Marketplace.AccessoryWords.txt")
            ?? throw new InvalidOperationException("The accessory lexicon is missing from Marketplace.Domain.");

        using var reader = new StreamReader(stream);
        var words = new List<string>();
        var endings = new List<string>();
        var inEndings = false;
        while (reader.ReadLine() is { } line)
        {
            var term = line.Trim();
            if (term.StartsWith('#'))
            {
                inEndings = term.Contains("de-endings", StringComparison.Ordinal);
                continue;
            }

            if (term.Length >= 3)
            {
                (inEndings ? endings : words).Add(inEndings ? ListingTitle.KeyOf(term) : term);
            }
        }

        return (words, endings);
    }
}
