using BlockhostBroker.Grains.Requests;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace BlockhostBroker.Grains.Tests.Requests;

/// <summary>A point in one RequestGrain's workflow where <see cref="StepGate"/> can stop it.</summary>
internal abstract record StepHold
{
    /// <summary>Right after the grain's state with this status is durable, before the next step begins.</summary>
    public sealed record AfterWrite(RequestStatus Status) : StepHold;

    /// <summary>After a call the grain made was answered, before the grain sees (and records) the answer.</summary>
    public sealed record AfterCall(Type Interface, string Method) : StepHold;
}

/// <summary>
/// Stops one RequestGrain at one armed point, test-only and without hooks in the grain: the silo's grain storage and
/// an outgoing call filter ask the gate at every write and call, and the armed point never returns, as if the silo
/// had died right there. The test then kills that silo for real. One point is armed at a time and fires once.
/// </summary>
internal sealed class StepGate
{
    // Never completed: the stopped grain stays stuck until its silo is gone, so it can do no work a dead one could not.
    private static readonly Task Forever = new TaskCompletionSource().Task;
    private readonly Lock _lock = new();
    private Armed? _armed;

    /// <summary>Arms a point for one grain key; the task completes with the name of the silo the grain stopped on.</summary>
    public Task<string> Arm(string grainKey, StepHold hold)
    {
        var armed = new Armed(grainKey, hold, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_lock) _armed = armed;
        return armed.Reached.Task;
    }

    /// <summary>A task that never completes when this is the armed point (disarming it), otherwise null: go on.</summary>
    public Task? Reached(string grainKey, StepHold point, string siloName)
    {
        lock (_lock)
        {
            if (_armed is not { } armed || armed.GrainKey != grainKey || armed.Hold != point)
                return null;
            _armed = null;
            armed.Reached.TrySetResult(siloName);
            return Forever;
        }
    }

    /// <summary>Puts the gate in front of a silo's "broker" storage (after the broker's storage is added) and its outgoing calls.</summary>
    public void AddTo(ISiloBuilder silo)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Broker, (sp, _) => new HoldingStorage(
            AdoNetGrainStorageFactory.Create(sp, StorageNames.Broker), this, sp.GetRequiredService<ILocalSiloDetails>().Name));
        silo.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => new HoldingFilter(this, sp.GetRequiredService<ILocalSiloDetails>().Name));
    }

    // Lets every call through; the armed call's answer is held before the calling grain gets it.
    private sealed class HoldingFilter(StepGate gate, string siloName) : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            await context.Invoke();
            if (context.SourceId is { } source && context.InterfaceMethod?.DeclaringType is { } type
                && gate.Reached(source.Key.ToString()!, new StepHold.AfterCall(type, context.InterfaceMethod.Name), siloName) is { } hold)
                await hold;
        }
    }

    private sealed record Armed(string GrainKey, StepHold Hold, TaskCompletionSource<string> Reached);

    // Forwards everything to the real storage; a RequestState write at the armed status is held after it is durable.
    private sealed class HoldingStorage(IGrainStorage inner, StepGate gate, string siloName) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            if (grainState.State is RequestState state
                && gate.Reached(grainId.Key.ToString()!, new StepHold.AfterWrite(state.Status), siloName) is { } hold)
                await hold;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);

        public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
    }
}
