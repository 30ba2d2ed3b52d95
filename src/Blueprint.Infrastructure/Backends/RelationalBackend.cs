using Blueprint.Infrastructure.Relational;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Blueprint.Infrastructure.Backends;

/// <summary>Chooses the relational engine: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, SQLite files otherwise.</summary>
internal static class RelationalBackend
{
    public const string Port = "relational";
    public const string Setting = "ConnectionStrings:Postgres";

    public static BackendDescription Register(IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var connectionString = configuration[Setting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var embedded = new BackendDescription(Port, "SQLite", true, null, Path.Combine(dataDirectory, "<module>.db"));
            services.AddSingleton<IRelationalDatabases>(sp => new SqliteDatabases(dataDirectory, sp.GetRequiredService<TimeProvider>()));
            services.AddProbe(embedded, (sp, ct) => sp.GetRequiredService<IRelationalDatabases>().PingAsync(ct));
            return embedded;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
            _ = builder.Host ?? throw new ArgumentException("it names no Host.");
        }
        catch (ArgumentException ex)
        {
            var broken = new BackendDescription(Port, "PostgreSQL", false, Setting, "(unparsable)", BackendRegistration.Misconfigured(Setting, "PostgreSQL connection string", ex));
            services.AddUnavailable(broken, typeof(IRelationalDatabases));
            return broken;
        }

        var real = new BackendDescription(Port, "PostgreSQL", false, Setting, $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}");
        services.AddSingleton<IRelationalDatabases>(sp => new PostgresDatabases(builder, sp.GetRequiredService<TimeProvider>()));
        services.AddProbe(real, (sp, ct) => sp.GetRequiredService<IRelationalDatabases>().PingAsync(ct));
        return real;
    }
}
