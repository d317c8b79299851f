using MudBlazor;

namespace Dashboard.Shared;

/// <summary>The product's light and dark palettes.</summary>
public static class DashboardTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#7a3e9d",
            Secondary = "#d9617a",
            AppbarBackground = "#4b2563",
            Background = "#f7f5fa",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#c49be0",
            Secondary = "#f08ca0",
            AppbarBackground = "#2a1838",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Noto Sans CJK SC", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
