using HookahLounge.Bot.Conversations;
using HookahLounge.Bot.Replies;
using HookahLounge.Bot.Routing;
using HookahLounge.Core.Chats;
using HookahLounge.Core.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Bot.Tests;

/// <summary>
/// The README shows each dialog's state machine from docs/dialogs/*.dot. This test draws them from the code:
/// when a drawing is stale it rewrites the file and fails, so a changed dialog cannot land with an old picture.
/// </summary>
public sealed class DialogGraphTests
{
    [Fact]
    public async Task Every_dialog_graph_in_docs_matches_its_state_machine()
    {
        await using var host = await BotHost.StartAsync(provider: "Sqlite");
        await using var scope = host.App!.Services.CreateAsyncScope();
        var conversations = scope.ServiceProvider.GetServices<IConversation>().ToList();
        var folder = Path.Combine(RepositoryRoot(), "docs", "dialogs");
        Directory.CreateDirectory(folder);

        var stale = new List<string>();
        foreach (var conversation in conversations)
        {
            var session = new ChatSession { ChatId = 1, Conversation = conversation.Name, State = conversation.EntryState };
            var customer = new Customer { Id = 1, Language = "ru", AgeConfirmedAtUtc = DateTime.UtcNow };
            var input = new GuestInput(1, 1, new TelegramIdentity(1, 1, "Гость", null, null, "ru"), InputKind.Text, "");
            var context = new ConversationContext(session, customer, input, scope.ServiceProvider.GetRequiredService<BotReplies>());
            var graph = conversation.Graph(context).ReplaceLineEndings("\n");
            graph.Should().Contain("digraph");

            var path = Path.Combine(folder, $"{conversation.Name}.dot");
            if (!File.Exists(path) || File.ReadAllText(path).ReplaceLineEndings("\n") != graph)
            {
                await File.WriteAllTextAsync(path, graph);
                stale.Add(path);
            }
        }

        conversations.Select(c => c.Name).Should().Contain(["Home", "Settings", "Visit", "Mine", "Order", "Booking"]);
        stale.Should().BeEmpty("the dialog graphs in docs/dialogs were stale and have been redrawn; commit them");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HookahLounge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HookahLounge.sln was not found above the test binaries.");
    }
}
