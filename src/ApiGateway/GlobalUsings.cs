global using Akademia.Webhooks.Grains.Abstractions;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Orleans;
