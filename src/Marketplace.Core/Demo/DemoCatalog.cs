namespace Marketplace.Core.Demo;

/// <summary>The demo marketplace's content: categories, products and stores. Data only.</summary>
internal static class DemoCatalog
{
    public sealed record Product(string Title, string Blurb, long PriceCents, string[] Specs, string[] Variants);

    public sealed record CategorySeed(string Name, string Slug, float Hue, string[] RequiredSpecs, Product[] Products, string? Parent = null);

    public sealed record StoreSeed(string Key, string StoreName, string Country, string Description, string OwnerName);

    public static readonly StoreSeed[] Stores =
    [
        new("cn", "Shenzhen Gadget Hub", "CN", "Electronics and clever gadgets shipped worldwide from Shenzhen.", "Li Wei"),
        new("de", "Berliner Werkstatt", "DE", "Hand-finished home goods and tools from Berlin. We ship within the EU.", "Anna Schmidt"),
        new("jp", "Kyoto Craft Supply", "JP", "Stationery, kitchenware and crafts made in Japan.", "Haruto Sato"),
        new("us", "Trailhead Outfitters", "US", "Outdoor, sports and pet gear from Colorado.", "Jordan Miller"),
        new("pt", "Lisbon Atelier", "PT", "Fashion, beauty and gifts designed in Portugal.", "Inês Costa"),
    ];

    private static readonly string[] _colours = ["Black", "White", "Navy"];
    private static readonly string[] _sizes = ["S", "M", "L", "XL"];

    public static readonly CategorySeed[] Categories =
    [
        new("Electronics", "electronics", 210, ["Brand", "Power"],
        [
            new("Wireless Earbuds with Charging Case", "Bluetooth 5.3 earbuds with 30 hours of playback and touch controls.", 2999, ["Brand=Soundly", "Power=USB-C, 400 mAh case", "Battery life=30 h", "Connectivity=Bluetooth 5.3"], _colours),
            new("Portable Power Bank 20000mAh", "Charge two phones at once; fast charging over USB-C.", 3499, ["Brand=VoltGo", "Power=20000 mAh, 22.5 W", "Ports=2x USB-A, 1x USB-C"], ["Black", "White"]),
            new("Smart LED Desk Lamp", "Dimmable lamp with five colour temperatures and a USB charging port.", 4599, ["Brand=Lumo", "Power=12 W", "Colour temperature=2700–6500 K"], ["Black", "Silver"]),
            new("Mechanical Keyboard, Hot-swappable", "Compact 75% keyboard with hot-swappable switches and RGB lighting.", 7999, ["Brand=KeyForge", "Power=USB-C wired", "Switches=Brown tactile", "Layout=ANSI 75%"], ["Brown switches", "Red switches", "Blue switches"]),
            new("1080p Webcam with Microphone", "Full-HD webcam with autofocus and a privacy shutter.", 3999, ["Brand=ClearView", "Power=USB 2.0", "Resolution=1920x1080 at 30 fps"], ["Standard"]),
            new("Bluetooth Speaker, Waterproof", "IPX7 speaker that floats, with 12 hours of sound.", 4999, ["Brand=Soundly", "Power=3600 mAh", "Water resistance=IPX7"], ["Blue", "Black", "Orange"]),
            new("USB-C Hub 7-in-1", "HDMI 4K, three USB ports, SD card reader and 100 W pass-through.", 2799, ["Brand=VoltGo", "Power=100 W pass-through", "Ports=HDMI, 3x USB-A, SD, microSD, USB-C"], ["Grey"]),
            new("Fitness Tracker Watch", "Heart rate, sleep and step tracking with a 10-day battery.", 5999, ["Brand=Pulse", "Power=Magnetic charger", "Battery life=10 days"], ["Black", "Pink", "Green"]),
            new("Noise Cancelling Headphones", "Over-ear headphones with active noise cancelling.", 11999, ["Brand=Soundly", "Power=USB-C, 40 h", "Connectivity=Bluetooth 5.2"], ["Black", "Cream"]),
            new("Mini Projector 1080p", "Pocket projector for movies anywhere, with built-in speaker.", 12999, ["Brand=ClearView", "Power=Mains 60 W", "Brightness=300 ANSI lumens"], ["White"]),
        ]),
        new("Phone Accessories", "phone-accessories", 190, ["Compatibility"],
        [
            new("Magnetic Phone Car Mount", "Strong magnetic mount for dashboards and air vents.", 1599, ["Compatibility=All phones with the included plate", "Material=Aluminium"], ["Black", "Silver"]),
            new("Braided USB-C Cable 2m", "Nylon-braided cable rated for 10,000 bends, 60 W charging.", 999, ["Compatibility=USB-C devices", "Length=2 m"], ["1 m", "2 m", "3 m"]),
            new("Clear Shockproof Phone Case", "Slim transparent case with air-cushion corners.", 1299, ["Compatibility=Popular 6.1\" models", "Material=TPU"], ["Clear", "Smoke"]),
            new("Wireless Charging Pad 15W", "Fast wireless charger with a non-slip surface.", 1999, ["Compatibility=Qi phones", "Power=15 W"], ["Black", "White"]),
            new("Tempered Glass Screen Protector, 3 Pack", "9H hardness glass with an alignment frame.", 899, ["Compatibility=6.1\" phones", "Hardness=9H"], ["3 pack"]),
        ], "electronics"),
        new("Home & Kitchen", "home-kitchen", 30, ["Material", "Dimensions"],
        [
            new("Cast Iron Skillet 26cm", "Pre-seasoned skillet for stove, oven and campfire.", 3899, ["Material=Cast iron", "Dimensions=26 cm diameter", "Weight=2.4 kg"], ["26 cm", "30 cm"]),
            new("Ceramic Pour-Over Coffee Set", "Dripper, server and two cups in glazed stoneware.", 4299, ["Material=Stoneware", "Dimensions=Server 600 ml"], ["White", "Charcoal"]),
            new("Linen Tea Towels, Set of 3", "Stonewashed linen towels that dry fast and soften with every wash.", 2499, ["Material=100% linen", "Dimensions=45 x 70 cm"], ["Natural", "Sage", "Terracotta"]),
            new("Bamboo Cutting Board with Juice Groove", "Durable, knife-friendly board with side handles.", 2199, ["Material=Bamboo", "Dimensions=40 x 28 x 2 cm"], ["Large", "Medium"]),
            new("Glass Food Storage Containers, 10 Piece", "Oven-safe borosilicate glass with snap-lock lids.", 3599, ["Material=Borosilicate glass", "Dimensions=5 sizes, 350–1500 ml"], ["10 piece"]),
            new("Wool Throw Blanket", "Soft merino blend throw with a herringbone weave.", 6999, ["Material=70% merino wool, 30% cotton", "Dimensions=130 x 170 cm"], ["Grey", "Mustard", "Blue"]),
            new("Stainless Steel Knife Set", "Five forged knives in a walnut block.", 8999, ["Material=German stainless steel", "Dimensions=Block 24 x 12 cm"], ["5 piece"]),
            new("Handmade Ceramic Vase", "Wheel-thrown vase with a speckled glaze.", 3299, ["Material=Ceramic", "Dimensions=22 cm tall"], ["Speckled white", "Ocean blue"]),
            new("Enamel Dutch Oven 5L", "Even heat for stews, bread and braises.", 7999, ["Material=Enamelled cast iron", "Dimensions=5 L, 28 cm"], ["Red", "Blue", "Cream"]),
            new("Aroma Diffuser with Night Light", "Ultrasonic diffuser with 7 light colours and auto shut-off.", 2599, ["Material=PP plastic, wood grain", "Dimensions=300 ml tank", "Power=USB"], ["Light wood", "Dark wood"]),
        ]),
        new("Fashion", "fashion", 330, ["Material", "Fit"],
        [
            new("Organic Cotton T-Shirt", "Heavyweight organic cotton tee with a relaxed fit.", 2499, ["Material=100% organic cotton", "Fit=Relaxed", "Weight=220 gsm"], _sizes),
            new("Leather Crossbody Bag", "Full-grain leather bag with an adjustable strap.", 8999, ["Material=Full-grain leather", "Fit=One size", "Dimensions=24 x 16 x 7 cm"], ["Tan", "Black"]),
            new("Merino Wool Beanie", "Rib-knit beanie that keeps warm without itching.", 2299, ["Material=100% merino wool", "Fit=One size"], ["Charcoal", "Forest", "Rust"]),
            new("Canvas Sneakers", "Vulcanised sole canvas sneakers for everyday wear.", 4999, ["Material=Cotton canvas, rubber sole", "Fit=True to size"], ["EU 38", "EU 40", "EU 42", "EU 44"]),
            new("Linen Summer Shirt", "Breathable linen shirt with a camp collar.", 4599, ["Material=100% linen", "Fit=Regular"], _sizes),
            new("Silk Scarf, Hand-rolled Edges", "Printed silk twill scarf, 90 cm square.", 5999, ["Material=100% silk twill", "Fit=90 x 90 cm"], ["Azulejo", "Sardinha"]),
            new("Waterproof Rain Jacket", "Packable jacket with taped seams and a hood.", 8999, ["Material=Recycled nylon, 10k membrane", "Fit=Regular"], _sizes),
            new("Cork Wallet", "Vegan wallet made of Portuguese cork.", 2999, ["Material=Cork", "Fit=Bifold, 6 cards"], ["Natural", "Black cork"]),
            new("Wool Blend Socks, 3 Pairs", "Cushioned socks for hiking and every day.", 1899, ["Material=60% merino, 40% nylon", "Fit=Crew"], ["S/M", "L/XL"]),
            new("Denim Jacket", "Classic trucker jacket in rigid selvedge denim.", 9999, ["Material=100% cotton selvedge denim", "Fit=Regular"], _sizes),
        ]),
        new("Sports & Outdoors", "sports-outdoors", 120, ["Material", "Weight"],
        [
            new("Ultralight Camping Tent, 2 Person", "Freestanding tent under 1.5 kg with two doors.", 18999, ["Material=20D ripstop nylon", "Weight=1.45 kg", "Season=3-season"], ["Green", "Orange"]),
            new("Insulated Water Bottle 750ml", "Keeps drinks cold 24 h or hot 12 h.", 2999, ["Material=18/8 stainless steel", "Weight=380 g"], ["Slate", "Sky", "Moss"]),
            new("Yoga Mat, Non-slip 6mm", "Cushioned mat with alignment lines and a carry strap.", 3499, ["Material=TPE", "Weight=1.1 kg", "Dimensions=183 x 61 cm"], ["Purple", "Teal", "Black"]),
            new("Trekking Poles, Carbon", "Collapsible carbon poles with cork grips.", 7999, ["Material=Carbon fibre, cork", "Weight=420 g per pair"], ["Pair"]),
            new("Headlamp 600 Lumen Rechargeable", "Bright, light headlamp with a red night mode.", 2999, ["Material=Aluminium", "Weight=78 g", "Power=USB-C"], ["Black"]),
            new("Resistance Bands Set", "Five bands from extra light to extra heavy, with handles.", 2499, ["Material=Natural latex", "Weight=900 g"], ["5 bands"]),
            new("Down Sleeping Bag -5°C", "Warm, packable sleeping bag with a compression sack.", 15999, ["Material=650-fill duck down", "Weight=1.2 kg"], ["Regular", "Long"]),
            new("Cycling Gloves, Gel Padded", "Half-finger gloves with breathable mesh.", 1999, ["Material=Lycra, gel padding", "Weight=60 g"], ["S", "M", "L"]),
            new("Adjustable Dumbbells 2x10kg", "Quick-change dumbbells for home workouts.", 12999, ["Material=Cast iron, steel", "Weight=2 x 10 kg"], ["2 x 10 kg"]),
            new("Hammock with Tree Straps", "Parachute nylon hammock that packs into its own pouch.", 3999, ["Material=Parachute nylon", "Weight=600 g"], ["Single", "Double"]),
        ]),
        new("Toys & Games", "toys-games", 50, ["Age range", "Material"],
        [
            new("Wooden Building Blocks, 100 Pieces", "Sustainably made beech blocks in a cotton bag.", 4499, ["Age range=2+", "Material=Beech wood, non-toxic paint"], ["Natural", "Colour"]),
            new("Strategy Board Game: Harbour Traders", "Trade, build and sail; 2–5 players, 60 minutes.", 3999, ["Age range=10+", "Material=Cardboard, wood tokens", "Players=2–5"], ["Standard edition"]),
            new("Remote Control Car, Off-road", "1:16 scale RC truck with two batteries.", 5499, ["Age range=8+", "Material=ABS plastic", "Power=2x 7.4 V batteries"], ["Red", "Blue"]),
            new("1000 Piece Jigsaw Puzzle: Lisbon Trams", "A vivid puzzle of the famous yellow trams.", 2199, ["Age range=12+", "Material=Recycled board"], ["1000 pieces"]),
            new("Plush Red Panda", "Super-soft plush toy, 30 cm.", 1999, ["Age range=0+", "Material=Polyester plush"], ["30 cm", "45 cm"]),
            new("Magnetic Drawing Board", "Mess-free drawing board with four stamps.", 1499, ["Age range=3+", "Material=ABS plastic"], ["Pink", "Blue"]),
            new("STEM Robot Kit", "Build and code a robot with 12 projects.", 6999, ["Age range=8+", "Material=ABS plastic, electronics", "Power=4x AA"], ["Standard"]),
            new("Card Game: Quick Foxes", "Fast family card game for 2–6 players.", 1299, ["Age range=6+", "Material=Card"], ["Standard"]),
        ]),
        new("Beauty & Health", "beauty-health", 350, ["Ingredients", "Volume"],
        [
            new("Natural Olive Oil Soap, 3 Bars", "Cold-process soap with Portuguese olive oil.", 1499, ["Ingredients=Olive oil, coconut oil, shea butter", "Volume=3 x 100 g"], ["Lavender", "Unscented", "Rosemary"]),
            new("Hyaluronic Acid Serum 30ml", "Lightweight hydrating serum for all skin types.", 2299, ["Ingredients=Hyaluronic acid 2%, B5", "Volume=30 ml"], ["30 ml", "60 ml"]),
            new("Bamboo Toothbrushes, 4 Pack", "Biodegradable handles and soft bristles.", 999, ["Ingredients=Bamboo, BPA-free bristles", "Volume=4 brushes"], ["Soft", "Medium"]),
            new("Argan Hair Oil", "Cold-pressed argan oil for shine and frizz control.", 1899, ["Ingredients=100% argan oil", "Volume=50 ml"], ["50 ml", "100 ml"]),
            new("Jade Facial Roller", "Double-ended roller with a gua sha stone.", 2499, ["Ingredients=Natural jade", "Volume=1 roller, 1 gua sha"], ["Green jade", "Rose quartz"]),
            new("Mineral Sunscreen SPF 50", "Zinc-based sunscreen, reef-friendly.", 2099, ["Ingredients=Zinc oxide 20%", "Volume=50 ml"], ["50 ml"]),
            new("Scented Soy Candle", "Hand-poured soy wax candle, 45 hours.", 2799, ["Ingredients=Soy wax, cotton wick", "Volume=220 g"], ["Fig", "Sea salt", "Cedar"]),
            new("Electric Toothbrush", "Sonic toothbrush with 4 modes and a travel case.", 4999, ["Ingredients=n/a", "Volume=1 handle, 2 heads", "Power=USB charging"], ["White", "Black"]),
            new("Lip Balm Set, 4 Flavours", "Beeswax lip balms with natural flavours.", 1199, ["Ingredients=Beeswax, shea, vitamin E", "Volume=4 x 4.5 g"], ["Set of 4"]),
        ]),
        new("Garden & Tools", "garden-tools", 95, ["Material", "Dimensions"],
        [
            new("Cordless Drill 18V", "Two-speed drill driver with two batteries and 30 bits.", 8999, ["Material=Glass-fibre nylon housing", "Dimensions=21 x 19 cm", "Power=18 V Li-ion"], ["1 battery", "2 batteries"]),
            new("Stainless Steel Garden Trowel", "Mirror-polished trowel with an ash handle.", 2499, ["Material=Stainless steel, ash", "Dimensions=30 cm"], ["Trowel", "Trowel + fork"]),
            new("Raised Garden Bed, Galvanised", "Modular raised bed that never rots.", 7999, ["Material=Galvanised steel", "Dimensions=180 x 90 x 30 cm"], ["180 x 90 cm", "120 x 60 cm"]),
            new("Solar Garden Lights, 8 Pack", "Warm-white path lights that turn on at dusk.", 3299, ["Material=Stainless steel, glass", "Dimensions=38 cm tall", "Power=Solar, 600 mAh"], ["Warm white", "Multi-colour"]),
            new("Precision Screwdriver Set, 64 Bits", "For phones, laptops and small repairs.", 2999, ["Material=S2 steel", "Dimensions=Case 17 x 9 cm"], ["64 bits"]),
            new("Pruning Shears, Bypass", "Sharp SK5 blades with a safety lock.", 2199, ["Material=SK5 steel, aluminium", "Dimensions=21 cm"], ["Standard"]),
            new("Expandable Garden Hose 30m", "Light hose with a 10-pattern spray nozzle.", 3999, ["Material=Latex core, polyester", "Dimensions=30 m expanded"], ["15 m", "30 m"]),
            new("Japanese Pull Saw", "Fine-cut ryoba saw for woodworking.", 4499, ["Material=High-carbon steel, rattan grip", "Dimensions=24 cm blade"], ["Ryoba", "Dozuki"]),
            new("Bird Feeder, Hanging", "Squirrel-resistant feeder with a copper roof.", 2799, ["Material=Copper, polycarbonate", "Dimensions=32 cm tall"], ["Copper"]),
        ]),
        new("Pet Supplies", "pet-supplies", 160, ["Material", "Pet size"],
        [
            new("Orthopedic Dog Bed", "Memory foam bed with a washable cover.", 6999, ["Material=Memory foam, polyester", "Pet size=Medium to large"], ["M", "L", "XL"]),
            new("Cat Scratching Post, Sisal", "Tall scratching post with a lookout platform.", 3499, ["Material=Sisal, plush, MDF", "Pet size=All cats"], ["Beige", "Grey"]),
            new("Reflective Dog Harness", "No-pull harness with two leash points.", 2599, ["Material=Nylon, reflective trim", "Pet size=S–XL"], ["S", "M", "L", "XL"]),
            new("Automatic Pet Feeder", "Programmable feeder with voice recording.", 7999, ["Material=ABS plastic", "Pet size=Cats and small dogs", "Power=Mains + backup batteries"], ["4 L", "6 L"]),
            new("Interactive Cat Toy Wand", "Feather wand with five refills.", 999, ["Material=Feathers, fibreglass rod", "Pet size=All cats"], ["Standard"]),
            new("Collapsible Travel Bowl, 2 Pack", "Silicone bowls with carabiners.", 1199, ["Material=Food-grade silicone", "Pet size=All"], ["Teal / Orange"]),
            new("Dog Rain Coat", "Waterproof coat with a reflective strip.", 2999, ["Material=Polyester, PU coating", "Pet size=XS–XL"], ["XS", "S", "M", "L"]),
            new("Aquarium Starter Kit 40L", "Tank, LED light, filter and heater.", 11999, ["Material=Glass", "Pet size=Small fish", "Power=Mains"], ["40 L"]),
        ]),
        new("Books & Stationery", "books-stationery", 260, ["Paper"],
        [
            new("A5 Dot Grid Notebook", "Lay-flat notebook with 160 gsm paper that takes fountain pens.", 1899, ["Paper=160 gsm, dot grid", "Pages=192"], ["Black", "Indigo", "Sakura"]),
            new("Fountain Pen, Fine Nib", "Steel-nib pen with a converter and ink cartridges.", 3499, ["Paper=Any", "Nib=Fine, steel"], ["Black", "Clear demonstrator"]),
            new("Washi Tape Set, 20 Rolls", "Japanese paper tape in seasonal patterns.", 1599, ["Paper=Washi", "Width=15 mm"], ["Spring", "Autumn"]),
            new("Brush Pen Calligraphy Set", "Six brush pens plus a practice pad.", 2299, ["Paper=Practice pad, 100 gsm", "Ink=Water-based pigment"], ["6 pens"]),
            new("Leather Journal Cover", "Refillable cover for A5 notebooks.", 4499, ["Paper=Includes one A5 refill", "Material=Vegetable-tanned leather"], ["Brown", "Black"]),
            new("Weekly Planner 2027", "Undated weekly planner with habit trackers.", 2499, ["Paper=100 gsm", "Pages=160"], ["Sage", "Sand"]),
            new("Japanese Cookbook: Everyday Washoku", "120 home recipes with step-by-step photos.", 3299, ["Paper=Coated 120 gsm", "Pages=272", "Language=English"], ["Hardcover"]),
            new("Watercolour Paint Set, 24 Colours", "Artist-grade pans with a water brush.", 3899, ["Paper=Includes 10 sheets 300 gsm", "Pigment=Artist grade"], ["24 colours", "36 colours"]),
        ]),
    ];
}
