using Tributary.Server.Commands;

return await TributaryCommandLine.Create().Parse(args).InvokeAsync();
