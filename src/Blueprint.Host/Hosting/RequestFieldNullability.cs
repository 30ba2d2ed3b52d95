using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Blueprint.Host.Hosting;

/// <summary>
/// Request records declare every field nullable, so that a missing one reaches validation and is
/// answered with a ProblemDetails naming it rather than failing in the binder. In the document that
/// read as "null is fine" for every field. So for a request (a type named <c>…Request</c>): a field
/// with a default value is optional, and a field without one must be given and is not null — unless
/// it is marked <see cref="AllowNullAttribute"/>, where null is a value (e.g. "no expiry").
/// </summary>
internal sealed class RequestFieldNullability : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo;
        if (!type.Type.Name.EndsWith("Request", StringComparison.Ordinal) || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        foreach (var property in type.Properties)
        {
            if (!schema.Properties.TryGetValue(property.Name, out var field) || field is not OpenApiSchema fieldSchema)
            {
                continue;
            }

            if (property.AssociatedParameter is { HasDefaultValue: true })
            {
                schema.Required?.Remove(property.Name);
            }
            else if (fieldSchema.Type is { } kinds && kinds.HasFlag(JsonSchemaType.Null) && kinds != JsonSchemaType.Null
                && !AllowsNull(property))
            {
                fieldSchema.Type = kinds & ~JsonSchemaType.Null;
            }
        }

        return Task.CompletedTask;
    }

    private static bool AllowsNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(AllowNullAttribute), inherit: true) == true
        || property.AssociatedParameter?.AttributeProvider?.IsDefined(typeof(AllowNullAttribute), inherit: true) == true;
}
