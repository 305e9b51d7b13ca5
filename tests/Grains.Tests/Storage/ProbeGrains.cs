namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>A persisted note: the smallest grain state that proves the wiring.</summary>
[GenerateSerializer, Alias("GrainStateProbe.Note")]
public sealed record ProbeNote([property: Id(0)] string Text, [property: Id(1)] int Writes);

/// <summary>A grain whose only job is to persist a note through the default grain storage.</summary>
[Alias("IGrainStateProbe")]
public interface IGrainStateProbe : IGrainWithStringKey
{
    /// <summary>Stores a note.</summary>
    [Alias("Write")]
    Task Write(string text);

    /// <summary>The stored note, or null.</summary>
    [Alias("Read")]
    Task<ProbeNote?> Read();

    /// <summary>Clears the stored note.</summary>
    [Alias("Clear")]
    Task Clear();
}

/// <summary>Persists its note with Orleans' ADO.NET provider on whatever store the silo was given.</summary>
public sealed class GrainStateProbe([PersistentState("note", StorageNames.Broker)] IPersistentState<ProbeNote?> note) : Grain, IGrainStateProbe
{
    /// <inheritdoc />
    public async Task Write(string text)
    {
        note.State = new ProbeNote(text, (note.State?.Writes ?? 0) + 1);
        await note.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<ProbeNote?> Read() => Task.FromResult(note.RecordExists ? note.State : null);

    /// <inheritdoc />
    public Task Clear() => note.ClearStateAsync();
}

/// <summary>A grain that arms a reminder, to see the silo's reminder table receive it.</summary>
[Alias("IReminderProbe")]
public interface IReminderProbe : IGrainWithStringKey
{
    /// <summary>Registers (or re-registers) the reminder "probe".</summary>
    [Alias("Arm")]
    Task Arm();
}

/// <summary>Registers a reminder through the silo's reminder service; its ticks are ignored.</summary>
public sealed class ReminderProbe : Grain, IReminderProbe, IRemindable
{
    /// <inheritdoc />
    public Task Arm() => this.RegisterOrUpdateReminder("probe", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
