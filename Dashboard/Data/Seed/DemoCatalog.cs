using System.Globalization;
using Dashboard.Data.Entities;

namespace Dashboard.Data.Seed;

/// <summary>The demo brand's product catalog: skincare and beauty SKUs with list prices in CNY.</summary>
internal static class DemoCatalog
{
    public const string Cleanser = "cleanser";
    public const string Toner = "toner";
    public const string Serum = "serum";
    public const string Moisturizer = "moisturizer";
    public const string Sunscreen = "sunscreen";
    public const string Mask = "mask";
    public const string EyeCare = "eye care";
    public const string Makeup = "makeup";
    public const string Fragrance = "fragrance";
    public const string GiftSet = "gift set";

    /// <summary>How often a category is a person's favourite (and so how often it is bought).</summary>
    public static readonly (string Category, double Weight)[] CategoryWeights =
    [
        (Cleanser, 0.12), (Toner, 0.10), (Serum, 0.18), (Moisturizer, 0.14), (Sunscreen, 0.10),
        (Mask, 0.10), (EyeCare, 0.06), (Makeup, 0.12), (Fragrance, 0.04), (GiftSet, 0.04),
    ];

    private static readonly (string Category, string Code, (string Name, double Price)[] Items)[] Lines =
    [
        (Cleanser, "CL",
        [
            ("Amino Acid Gentle Foam Cleanser 120ml", 129), ("Rice Enzyme Cleansing Powder 50g", 149),
            ("Camellia Cleansing Oil 200ml", 189), ("Micellar Cleansing Water 400ml", 99),
            ("Travel Cleanser 30ml", 39), ("Clay Pore Cleanser 150ml", 119),
        ]),
        (Toner, "TN",
        [
            ("Hydrating Essence Toner 150ml", 169), ("Rose Balancing Toner 200ml", 139),
            ("Exfoliating Acid Toner 120ml", 199), ("Soothing Centella Toner 250ml", 159),
            ("Toner Refill Pouch 300ml", 219), ("Toner Mini 30ml", 49),
        ]),
        (Serum, "SR",
        [
            ("Bifida Repair Essence 50ml", 499), ("Bifida Repair Essence 100ml", 899),
            ("Vitamin C Brightening Serum 30ml", 329), ("Niacinamide 10% Serum 30ml", 219),
            ("Retinol Night Serum 30ml", 429), ("Hyaluronic Acid Ampoule 7x2ml", 259),
            ("Peptide Firming Serum 40ml", 599), ("Serum Trial Size 7ml", 69),
        ]),
        (Moisturizer, "MO",
        [
            ("Ceramide Barrier Cream 50g", 299), ("Water Gel Moisturizer 50ml", 229),
            ("Rich Night Cream 50g", 389), ("Oil-Control Lotion 100ml", 189),
            ("Anti-Wrinkle Day Cream 50ml", 459), ("Hand Cream Trio 3x30ml", 99),
            ("Moisturizer Refill 50g", 259),
        ]),
        (Sunscreen, "SS",
        [
            ("Airy Sunscreen SPF50+ 50ml", 179), ("Tinted Sunscreen SPF50 40ml", 199),
            ("Body Sun Spray SPF50 150ml", 159), ("Kids Mild Sunscreen SPF30 60ml", 149),
            ("Sun Stick SPF50 15g", 129),
        ]),
        (Mask, "MK",
        [
            ("Hydrating Sheet Mask x5", 99), ("Hydrating Sheet Mask x10", 179),
            ("Sleeping Mask 80ml", 199), ("Clay Purifying Mask 100g", 149),
            ("Gold Firming Mask x5", 269), ("Eye Patch x60", 129), ("Lip Sleeping Mask 20g", 89),
        ]),
        (EyeCare, "EY",
        [
            ("Caffeine Eye Serum 15ml", 239), ("Retinol Eye Cream 15g", 359),
            ("Cooling Eye Roller 15ml", 189), ("Eye Makeup Remover 100ml", 79),
        ]),
        (Makeup, "MU",
        [
            ("Velvet Matte Lipstick", 189), ("Glossy Lip Tint", 149), ("Cushion Foundation SPF50", 299),
            ("Cushion Refill", 169), ("Long-wear Foundation 30ml", 329), ("Loose Setting Powder", 249),
            ("Brow Pencil", 89), ("Waterproof Mascara", 159), ("Eyeshadow Palette 9 Colors", 359),
            ("Concealer Pen", 139), ("Blush Duo", 199),
        ]),
        (Fragrance, "FR",
        [
            ("Osmanthus Eau de Parfum 50ml", 690), ("White Tea Eau de Toilette 100ml", 590),
            ("Peony Eau de Parfum 30ml", 460), ("Fragrance Discovery Set 5x2ml", 159),
            ("Scented Body Lotion 200ml", 229),
        ]),
        (GiftSet, "GS",
        [
            ("Double Eleven Repair Gift Box", 1299), ("618 Hydration Trio Set", 699),
            ("Lunar New Year Red Gift Box", 899), ("Starter Kit (Cleanser, Toner, Cream)", 399),
            ("Qixi Lipstick Gift Set", 499), ("Travel Essentials Kit", 259), ("Anti-Aging Ritual Set", 1099),
        ]),
    ];

    /// <summary>The established catalog with ids 1..n in a fixed order (what orders and browsing draw from).</summary>
    private static readonly Product[] Regular = Build();

    /// <summary>
    /// A serum launched in summer 2026 with a Douyin campaign (<see cref="DemoCampaigns.Launch"/>): it has campaign
    /// touchpoints and no orders, the cold-start case. It is kept out of <see cref="ByCategory"/> and
    /// <see cref="ByPrice"/>, so the rest of the brand is generated exactly as without it.
    /// </summary>
    public static readonly Product Launch = new()
    {
        Id = Regular.Length + 1, Sku = "SR-101", Name = "Rice Ferment Glow Serum 30ml (new)", Category = Serum, Price = 369,
    };

    /// <summary>The catalog with ids 1..n in a fixed order, the launch product last.</summary>
    public static readonly Product[] Products = [.. Regular, Launch];

    /// <summary>Product ids of each category, sorted by list price.</summary>
    public static readonly IReadOnlyDictionary<string, int[]> ByCategory = Regular
        .GroupBy(p => p.Category, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Price).ThenBy(p => p.Id).Select(p => p.Id).ToArray(), StringComparer.Ordinal);

    /// <summary>All product ids sorted by list price.</summary>
    public static readonly int[] ByPrice = Regular.OrderBy(p => p.Price).ThenBy(p => p.Id).Select(p => p.Id).ToArray();

    public static double PriceOf(int productId) => Products[productId - 1].Price;

    private static Product[] Build()
    {
        var products = new List<Product>();
        foreach (var (category, code, items) in Lines)
        {
            for (var i = 0; i < items.Length; i++)
            {
                products.Add(new Product
                {
                    Id = products.Count + 1,
                    Sku = string.Create(CultureInfo.InvariantCulture, $"{code}-{i + 1:D3}"),
                    Name = items[i].Name,
                    Category = category,
                    Price = items[i].Price,
                });
            }
        }
        return [.. products];
    }
}
