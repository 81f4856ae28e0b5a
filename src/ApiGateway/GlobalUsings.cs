global using Akademia.Webhooks;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Orleans;
