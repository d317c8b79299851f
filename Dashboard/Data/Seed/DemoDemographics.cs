namespace Dashboard.Data.Seed;

/// <summary>Names, cities and their tiers for the demo brand's people.</summary>
internal static class DemoDemographics
{
    // City tiers after the common Chinese classification: 1 = first-tier, 2 = "new first-tier",
    // 3 = second-tier, 4 = third-tier, 5 = fourth-tier and below. Weights within a tier roughly follow
    // population; the tier weights below reflect a beauty brand's online buyers.
    private static readonly string[][] CitiesByTier =
    [
        ["Shanghai", "Beijing", "Shenzhen", "Guangzhou"],
        ["Chengdu", "Hangzhou", "Chongqing", "Wuhan", "Suzhou", "Xi'an", "Nanjing", "Changsha", "Tianjin",
            "Zhengzhou", "Dongguan", "Qingdao", "Kunming", "Ningbo", "Hefei"],
        ["Foshan", "Shenyang", "Wuxi", "Jinan", "Xiamen", "Fuzhou", "Wenzhou", "Harbin", "Shijiazhuang", "Dalian",
            "Nanning", "Quanzhou", "Jinhua", "Guiyang", "Changzhou", "Changchun", "Nanchang", "Huizhou", "Taiyuan",
            "Xuzhou", "Zhuhai", "Lanzhou", "Haikou", "Urumqi"],
        ["Yangzhou", "Yantai", "Luoyang", "Shantou", "Weifang", "Baoding", "Zhanjiang", "Wuhu", "Yichang",
            "Mianyang", "Ganzhou", "Liuzhou", "Guilin", "Zhuzhou", "Xiangyang", "Jiangmen", "Taizhou", "Huzhou"],
        ["Zunyi", "Qujing", "Anqing", "Jiujiang", "Shangrao", "Nanchong", "Zhoukou", "Heze", "Baoji", "Tongliao",
            "Hengshui", "Yulin", "Chuzhou", "Suqian", "Lijiang", "Kaili"],
    ];

    private static readonly double[] TierWeights = [0.22, 0.30, 0.22, 0.15, 0.11];

    private static readonly (string Han, string Pinyin)[] Surnames =
    [
        ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"), ("黄", "huang"),
        ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"),
        ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("林", "lin"), ("罗", "luo"), ("高", "gao"), ("郑", "zheng"),
        ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"), ("许", "xu"), ("韩", "han"), ("冯", "feng"),
    ];

    private static readonly (string Han, string Pinyin)[] FemaleGiven =
    [
        ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("婷", "ting"), ("雪", "xue"),
        ("琳", "lin"), ("欣怡", "xinyi"), ("梓涵", "zihan"), ("诗涵", "shihan"), ("雨桐", "yutong"), ("佳琪", "jiaqi"),
        ("晓燕", "xiaoyan"), ("思雨", "siyu"), ("子萱", "zixuan"), ("婉清", "wanqing"), ("梦瑶", "mengyao"),
    ];

    private static readonly (string Han, string Pinyin)[] MaleGiven =
    [
        ("伟", "wei"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("杰", "jie"),
        ("浩然", "haoran"), ("宇轩", "yuxuan"), ("子豪", "zihao"), ("俊杰", "junjie"), ("志强", "zhiqiang"),
    ];

    public sealed record City(string Name, int Tier);

    public sealed record PersonName(string Han, string Pinyin);

    /// <summary>A city drawn by tier weight, then uniformly within the tier.</summary>
    public static City DrawCity(Random rng)
    {
        var tier = DemoRandom.Pick(rng, TierWeights);
        var cities = CitiesByTier[tier];
        return new City(cities[rng.Next(cities.Length)], tier + 1);
    }

    public static PersonName DrawName(Random rng, string? gender)
    {
        var surname = Surnames[rng.Next(Surnames.Length)];
        var pool = gender == "M" ? MaleGiven : FemaleGiven;
        var given = pool[rng.Next(pool.Length)];
        return new PersonName(surname.Han + given.Han, given.Pinyin + "." + surname.Pinyin);
    }
}
