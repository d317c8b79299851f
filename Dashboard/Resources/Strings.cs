namespace Dashboard.Resources;

/// <summary>Marker for the UI text resources (Strings.resx, Strings.zh-Hans.resx).</summary>
public sealed class Strings;
