namespace Blueprint.CloudStorage.Tests;

/// <summary>A host whose namespaces each hold 2 MB, so that over-quota cases take little data.</summary>
public abstract class SmallQuotaTests : IDisposable
{
    /// <summary>The quota of every namespace here.</summary>
    protected const long QuotaBytes = 2_000_000;

    protected SmallQuotaTests(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["CloudStorage:QuotaBytes"] = QuotaBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Factory = new BlueprintFactory(settings);
    }

    internal BlueprintFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}
