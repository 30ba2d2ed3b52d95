using Blueprint.Cli;

return await BlueprintCli.RunAsync(args, Console.Out, Console.Error);
