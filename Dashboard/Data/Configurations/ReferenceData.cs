using Dashboard.Data.Entities;

namespace Dashboard.Data.Configurations;

/// <summary>
/// The platforms and paid channels every store starts with. Imports name them by code; a file naming
/// an unknown code is rejected.
/// </summary>
internal static class ReferenceData
{
    public static readonly DataSource[] Sources =
    [
        new() { Id = 1, Code = "tmall", Name = "Tmall flagship store", Kind = SourceKind.Marketplace },
        new() { Id = 2, Code = "jd", Name = "JD.com store", Kind = SourceKind.Marketplace },
        new() { Id = 3, Code = "douyin", Name = "Douyin shop", Kind = SourceKind.SocialCommerce },
        new() { Id = 4, Code = "wechat", Name = "WeChat mini-program", Kind = SourceKind.SocialCommerce },
        new() { Id = 5, Code = "app", Name = "Brand app", Kind = SourceKind.OwnedChannel },
        new() { Id = 6, Code = "web", Name = "Brand website", Kind = SourceKind.OwnedChannel },
        new() { Id = 7, Code = "offline", Name = "Offline stores", Kind = SourceKind.Offline },
        new() { Id = 8, Code = "sms", Name = "SMS", Kind = SourceKind.Messaging },
    ];

    public static readonly AdChannel[] AdChannels =
    [
        new() { Id = 1, Code = "tmall_ads", Name = "Tmall/Taobao bidding ads" },
        new() { Id = 2, Code = "jd_ads", Name = "JD bidding ads" },
        new() { Id = 3, Code = "douyin_ads", Name = "Douyin ads" },
        new() { Id = 4, Code = "wechat_moments", Name = "WeChat Moments ads" },
        new() { Id = 5, Code = "search", Name = "Search ads" },
        new() { Id = 6, Code = "kol_live", Name = "KOL livestreams" },
        new() { Id = 7, Code = "sms", Name = "SMS" },
        new() { Id = 8, Code = "app_push", Name = "App push" },
    ];
}
