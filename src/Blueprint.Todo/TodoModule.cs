using Blueprint.Identity.Contracts;
using Blueprint.Modules;
using Blueprint.Todo.Api;
using Blueprint.Todo.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Blueprint.Todo;

/// <summary>The todo service (seed 000 §8.1): CRUD on a user's lists and items, in its own database.</summary>
public static class TodoModule
{
    /// <summary>How the host runs this system.</summary>
    public static BlueprintModule Descriptor { get; } = new("todo", "Todo app: web app and todo service", "000 §8.1", "Blueprint.Todo")
    {
        PagePath = "/todo",
        ApiTag = "Todo",
        Note = "Put N hosts behind Blueprint.Gateway with scripts/todo-cluster.sh.",
        Add = b => b.AddTodo(),
        Map = e => e.MapTodo(),
    };

    public static IHostApplicationBuilder AddTodo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Callers are authenticated with the user service's tokens and keys; its data stays in its own database.
        builder.AddBlueprintAuthentication();
        builder.Services.AddSingleton<TodoDatabase>();
        builder.Services.AddSingleton<TodoStore>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTodo(this IEndpointRouteBuilder app)
    {
        app.MapTodoApi();
        app.MapEmbeddedPage("/todo", typeof(TodoModule).Assembly, "page/todo.html");
        return app;
    }
}
