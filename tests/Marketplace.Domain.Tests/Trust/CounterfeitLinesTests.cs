using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;

namespace Marketplace.Domain.Tests.Trust;

/// <summary>The counterfeit check with a registry of brands, their other names, categories and product lines.</summary>
public sealed class CounterfeitLinesTests
{
    private static readonly BrandRef[] Registry =
    [
        Brand("Nike", ["耐克", "Найк"], ["fashion", "sports-outdoors"],
            Line("Air Jordan", "air jordan|jordan 1|aj1", 5_500),
            Line("Sneakers", "sneakers|trainers|shoes|air max|zapatillas|кроссовки|运动鞋", 2_500),
            Line("Socks", "socks|calcetines", 800),
            Line("Other", "*", 600)),
        Brand("Puma", [], ["fashion", "sports-outdoors"], Line("Sneakers", "sneakers|shoes|suede|speedcat", 2_000)),
        Brand("Rolex", ["劳力士", "Ролекс"], ["fashion"],
            Line("Submariner", "submariner|水鬼", 700_000),
            Line("Other", "*", 150_000)),
        Brand("Apple", ["苹果"], ["electronics", "phone-accessories"],
            Line("iPhone Pro", "iphone 15 pro|iphone 15 pro max", 55_000),
            Line("iPhone", "iphone", 6_000),
            Line("Watch", "apple watch|watch ultra", 4_000),
            Line("Chargers", "charger|20w|cable", 800, accessory: true)),
        Brand("Samsung", ["三星", "Самсунг"], ["electronics", "phone-accessories"], Line("Galaxy S", "galaxy s24|galaxy s24 ultra", 20_000)),
        Brand("Chanel", ["香奈儿"], ["fashion", "beauty-health"], Line("Bags", "flap bag|classic flap|boy bag", 150_000), Line("Perfume", "no 5|perfume|parfum", 4_000)),
        Brand("Bose", [], ["electronics"], Line("QuietComfort", "quietcomfort|headphones", 6_000)),
        Brand("Gucci", ["古驰"], ["fashion"], Line("Belts", "belt|gurtel", 15_000)),
        Brand("Fila", [], ["fashion"], Line("Sneakers", "sneakers|disruptor", 3_000)),
        Brand("Dyson", [], ["home-kitchen", "beauty-health"], Line("Vacuums", "v8|v15|vacuum", 9_000), Line("Hair dryers", "supersonic|haartrockner|hair dryer", 17_000), Line("Filters", "filter", 1_000, accessory: true)),
        Brand("Xiaomi", ["Mi", "小米"], ["electronics"], Line("Phones", "redmi|phone|telefono|band", 6_000)),
        Brand("Adidas", ["阿迪达斯", "阿迪", "Адидас"], ["fashion"], Line("Sneakers", "superstar|sneakers|кроссовки", 3_000), Line("Apparel", "外套|jacket", 2_000)),
        Brand("Vans", [], ["fashion"], Line("Sneakers", "old skool|sneakers", 3_000)),
        Brand("JBL", [], ["electronics"], Line("Charge", "jbl charge 5", 6_000)),
        Brand("Moncler", ["Монклер"], ["fashion"], Line("Jackets", "maya|doudoune", 30_000)),
        Brand("Cartier", [], ["fashion"], Line("Love", "love|bracelet", 100_000)),
        Brand("Bulgari", [], ["fashion"], Line("Serpenti", "serpenti|strap", 50_000)),
    ];

    [Theory]
    [InlineData("Tênis Adidass Superstar branco", "fashion", "Adidas", CounterfeitKind.NearMiss)] // a doubled last "s" is no plural
    [InlineData("Baskets Vanss Old Skool noir", "fashion", "Vans", CounterfeitKind.NearMiss)]
    [InlineData("Кроссовки Адидос Superstar белые", "fashion", "Adidas", CounterfeitKind.NearMiss)]
    [InlineData("阿迪达丝 经典运动外套 男款", "fashion", "Adidas", CounterfeitKind.NearMiss)]
    [InlineData("劳立士 水鬼 自动机械表", "fashion", "Rolex", CounterfeitKind.NearMiss)]
    [InlineData("JLB Charge 5 portable speaker", "electronics", "JBL", CounterfeitKind.NearMiss)]
    [InlineData("Doudoune Monclair femme", "fashion", "Moncler", CounterfeitKind.NearMiss)]
    [InlineData("Tênis Mike Air Max masculino", "fashion", "Nike", CounterfeitKind.NearMiss)]
    [InlineData("香 奈 儿 经典 链条包", "fashion", "Chanel", CounterfeitKind.LookAlike)]
    public void Spellings_in_other_scripts_doubled_letters_swapped_acronyms_and_changed_vowels_wait(string title, string category, string brand, CounterfeitKind kind)
    {
        var flag = Check(title, 1_500, category).Should().ContainSingle().Subject;

        flag.Brand.Should().Be(brand);
        flag.Kind.Should().Be(kind);
    }

    [Theory]
    [InlineData("Leather tote bag, mirror quality, with dust bag", "mirror quality")]
    [InlineData("高仿 机械手表 男士 自动", "高仿")]
    [InlineData("Сумка женская, зеркальная копия, натуральная кожа", "зеркальная копия")]
    [InlineData("Perfume contratipo 100ml, fixação longa", "contratipo")]
    public void The_trade_words_for_fake_hold_a_listing_with_no_registered_brand(string title, string found)
    {
        var flag = Check(title, 3_000, "fashion").Should().ContainSingle().Subject;

        flag.Kind.Should().Be(CounterfeitKind.Replica);
        flag.Found.Should().Be(found);
        flag.Describe().Should().Be($"The title describes the item as an imitation (“{found}”).");
    }

    [Theory]
    [InlineData("高仿真绿植 假花 客厅装饰")] // lifelike artificial plants
    [InlineData("Replica vintage 1950s swing dress, polka dot")]
    [InlineData("Life size 1:1 replica human skull, anatomical model")]
    [InlineData("Genuine leather wallet, not a knockoff")]
    [InlineData("Copy paper A4, 500 sheets")]
    public void Words_that_also_name_honest_things_need_a_registered_brand(string title)
    {
        Check(title, 3_000, "fashion").Select(f => f.Describe()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Carteira de couro marrom, feminina", "fashion")] // Cartier's consonants, but not one vowel run changed
    [InlineData("Chinelo de dedo preto, tamanho 39", "fashion")]
    [InlineData("Nylon watch strap 20mm Blue/Grey", "fashion")] // two words are not a changed vowel
    [InlineData("大力士 儿童 运动鞋", "fashion")] // one character from 劳力士, but not its first
    [InlineData("小号 手机支架 phone holder", "electronics")] // one character from 小米, with no name only Xiaomi makes
    [InlineData("JBL Charge 5 portable speaker", "electronics")]
    [InlineData("Baskets Vans Old Skool noir", "fashion")]
    [InlineData("Кроссовки Адидас Superstar белые", "fashion")]
    [InlineData("Samsung Galaxy S24 三色可选", "electronics")] // 三色 is a word of its own only with the space
    [InlineData("偏小 米色 phone stand", "electronics")] // two words that join into 小米
    [InlineData("Чехол для Самсунга Galaxy S24", "phone-accessories")] // the name inflected
    [InlineData("Air Jordan 1 Retro High OG, like new", "fashion")] // "like" is an everyday word, not "Nike"
    [InlineData("Polishing paste, mirror quality finish", "home-kitchen")] // the trade words only for goods that are faked
    public void Words_a_letter_or_a_character_from_a_brand_go_live_without_the_brand_context(string title, string category)
    {
        Check(title, 15_000, category).Select(f => f.Describe()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Nіke Air Max 90", "Nike")] // Cyrillic і
    [InlineData("R0lex Submariner 41mm", "Rolex")]
    [InlineData("G.u.c.c.i belt, black leather", "Gucci")]
    [InlineData("N i k e running socks", "Nike")]
    [InlineData("Ｎｉｋｅ hoodie", "Nike")]
    [InlineData("Ni\u200Bke sneakers", "Nike")]
    [InlineData("D!OR-free R·O·L·E·X watch", "Rolex")]
    [InlineData("PUMА Speedcat OG", "Puma")] // Cyrillic А
    public void A_brand_written_with_look_alike_or_hidden_characters_waits_for_review(string title, string brand)
    {
        var flags = Check(title, 50_000, "fashion");

        flags.Should().ContainSingle().Which.Should().Match<CounterfeitFlag>(f => f.Kind == CounterfeitKind.LookAlike && f.Brand == brand);
    }

    [Theory]
    [InlineData("Nkie Air Max 90", "Nike")]
    [InlineData("Nlke trainers", "Nike")]
    [InlineData("Niike sneakers", "Nike")]
    [InlineData("Pmua Suede classic", "Puma")]
    [InlineData("Boes QuietComfort Ultra", "Bose")]
    [InlineData("Channel classic flap bag, caviar", "Chanel")]
    [InlineData("Rolx Submariner", "Rolex")]
    [InlineData("Flia Disruptor 2, white", "Fila")]
    public void Near_misses_of_short_brands_and_everyday_words_next_to_the_brand_products_wait(string title, string brand)
    {
        var category = brand == "Bose" ? "electronics" : "fashion";

        Check(title, 50_000, category).Should().ContainSingle().Which.Should().Match<CounterfeitFlag>(f => f.Kind == CounterfeitKind.NearMiss && f.Brand == brand);
    }

    [Theory]
    [InlineData("Nice bike bell, chrome", "sports-outdoors")]
    [InlineData("Red pump shoes, size 38", "fashion")]
    [InlineData("TV channel remote control", "electronics")]
    [InlineData("Apple crumble dish, enamel", "home-kitchen")]
    [InlineData("Samsun travel guide, 2nd edition", "books-stationery")]
    [InlineData("Sonny Angel mini figure", "toys-games")]
    [InlineData("Pumas (plush big cat), 30 cm", "toys-games")]
    [InlineData("Addidas phone grip", "phone-accessories")]
    [InlineData("Vintage-style brass lamp", "home-kitchen")]
    [InlineData("Replica Roman coin, bronze", "books-stationery")]
    [InlineData("Genuine Rolex Submariner 116610LN, not a replica, box and papers", "fashion")]
    [InlineData("AAA batteries for Apple TV remote", "electronics")]
    [InlineData("Nike Air Max 90, like new, size 42", "fashion")]
    [InlineData("Filz-Einsatz für Handtaschen, grau", "fashion")]
    [InlineData("Replacement battery 4000mAh for Dyson V8, not original", "home-kitchen")]
    [InlineData("Échantillon parfum Chanel No 5, 1 ml", "beauty-health")]
    [InlineData("Haartrockner Philips 2200 W", "beauty-health")]
    [InlineData("Dyson V8 filter, washable", "home-kitchen")]
    [InlineData("Gucci faux leather belt bag", "fashion")]
    [InlineData("Vendo mi teléfono Motorola, usado", "electronics")]
    [InlineData("Nike Air Max 90, not UA, top quality leather", "fashion")]
    public void Ordinary_words_near_brands_and_honest_titles_go_live(string title, string category)
    {
        var named = Expensive.Any(b => title.Contains(b, StringComparison.Ordinal));

        Check(title, named ? 800_000 : 1_500, category).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Rolex-style automatic watch", "rolex style")]
    [InlineData("AAA replica Gucci belt", "replica")]
    [InlineData("Nike Air Max 90 1:1 mirror quality", "1:1")]
    [InlineData("Réplica Rolex Submariner automático", "replica")]
    [InlineData("Nachbildung Rolex Submariner, Automatik", "nachbildung")]
    [InlineData("Часы Ролекс реплика", "реплика")]
    [InlineData("高仿劳力士手表 自动机械", "高仿")]
    [InlineData("Chanel inspired quilted bag", "chanel inspired")]
    [InlineData("iPhone 15 Pro Max clone, Android 14", "clone")]
    [InlineData("sac façon Chanel matelassé", "facon chanel")]
    [InlineData("AAA replica watch for Rolex fans", "replica")]
    [InlineData("MI Band 8 réplica", "replica")]
    public void Imitation_wording_with_a_brand_waits_in_every_language(string title, string found)
    {
        Check(title, 800_000, "fashion").Should().ContainSingle().Which.Should().Match<CounterfeitFlag>(f => f.Kind == CounterfeitKind.Replica && f.Found == found);
    }

    [Theory]
    [InlineData("Nike Air Jordan 1 Retro High", 2_749, true)]
    [InlineData("Nike Air Jordan 1 Retro High", 2_750, false)]
    [InlineData("Nike socks, 3 pairs", 800, false)]
    [InlineData("Nike sneakers", 1_249, true)]
    [InlineData("Nike sneakers", 1_250, false)]
    [InlineData("Air Jordan 1 Chicago, size 9", 1_499, true)]
    [InlineData("Nike socks, 3 pairs", 399, true)]
    [InlineData("Nike keyring", 299, true)]
    [InlineData("Nike keyring", 300, false)]
    public void Far_below_is_judged_against_the_product_line_the_title_names(string title, long price, bool held)
    {
        var flags = Check(title, price, "fashion");

        flags.Should().HaveCount(held ? 1 : 0);
        if (held)
        {
            flags[0].Kind.Should().Be(CounterfeitKind.FarBelow);
        }
    }

    [Theory]
    [InlineData("Case for Samsung Galaxy S24, clear", 599)]
    [InlineData("Funda para iPhone 15 Pro Max", 399)]
    [InlineData("Apple Watch band 41mm, sport loop", 699)]
    [InlineData("iPhone 15 Pro silicone case", 899)]
    [InlineData("Nike laces, 120 cm", 299)]
    [InlineData("Чехол для iPhone 15 Pro", 300)]
    public void Accessories_are_not_judged_against_the_brand_flagship(string title, long price)
    {
        Check(title, price, "phone-accessories").Should().BeEmpty();
    }

    [Fact]
    public void The_brand_own_accessories_are_judged_against_their_own_line_and_an_item_with_a_box_is_not_an_accessory()
    {
        Check("Apple 20W USB-C charger, original", 399, "phone-accessories").Should().ContainSingle().Which.Kind.Should().Be(CounterfeitKind.FarBelow);
        Check("Apple 20W USB-C charger, original", 1_500, "phone-accessories").Should().BeEmpty();
        Check("Rolex Submariner with box and papers", 45_000, "fashion").Should().ContainSingle().Which.Found.Should().Be("$7,000.00");
        Check("Rolex Submariner 116610LN", 45_000, "fashion").Should().ContainSingle();
        Check("iPhone 15 Pro Max 256GB with charger", 8_000, "electronics").Should().ContainSingle().Which.Found.Should().Be("$550.00");
    }

    [Fact]
    public void The_check_knows_the_brand_by_its_chinese_and_russian_names()
    {
        Check("耐克 Air Jordan 1 高帮", 900, "fashion").Should().ContainSingle().Which.Should().Match<CounterfeitFlag>(f => f.Brand == "Nike" && f.Kind == CounterfeitKind.FarBelow);
        Check("Кроссовки Найк копия", 5_000, "fashion").Should().ContainSingle().Which.Kind.Should().Be(CounterfeitKind.Replica);
    }

    [Fact]
    public void Near_misses_count_only_in_the_brand_own_categories()
    {
        Check("Guci belt, black leather", 2_000, "fashion").Should().ContainSingle().Which.Kind.Should().Be(CounterfeitKind.NearMiss);
        Check("Guci belt, black leather", 2_000, "pet-supplies").Should().BeEmpty();
    }

    [Fact]
    public void The_shipped_word_list_knows_everyday_words_in_four_languages_and_not_misspelt_brands()
    {
        var words = WordList.Shipped;

        words.Count.Should().BeGreaterThan(300_000);
        Everyday.Should().OnlyContain(w => words.IsWord(w));
        Misspelt.Should().NotContain(w => words.IsWord(w));
    }

    private static readonly string[] Expensive = ["Rolex", "Nike", "Gucci"];
    private static readonly string[] Everyday = ["nice", "bike", "door", "couches", "zapato", "chaussure", "sapatos", "channel"];
    private static readonly string[] Misspelt = ["nkie", "addidas", "guci", "rolx", "samsnug", "iphone", "pmua"];

    private static IReadOnlyList<CounterfeitFlag> Check(string title, long price, string category) =>
        CounterfeitSignals.Check(new ListingToCheck(title, new Money(price, "USD"), [category]), Registry, WordList.Shipped);

    private static BrandLineRef Line(string name, string keywords, long reference, bool accessory = false) =>
        new(name, keywords == "*" ? [] : [.. keywords.Split('|').Select(ListingTitle.FlatOf)], [], new Money(reference, "USD"), accessory);

    private static BrandRef Brand(string name, string[] aliases, string[] categories, params BrandLineRef[] lines) =>
        new(name, CounterfeitSignals.KeyOf(name), null) { Aliases = aliases, Categories = categories, Lines = lines };
}
