global using Akademia.Webhooks.Grains.Abstractions;
global using Orleans;
global using Orleans.Concurrency;
global using Orleans.Runtime;
global using Orleans.Storage;
