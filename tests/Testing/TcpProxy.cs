using System.Net;
using System.Net.Sockets;

namespace HookahLounge.Testing;

/// <summary>
/// A TCP relay in front of a server (PostgreSQL) that a test can cut and restore, to take the database
/// away from one host without touching the shared server.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _disposed = new();
    private TcpListener? _listener;

    public TcpProxy(string host, int port)
    {
        _target = new IPEndPoint(IPAddress.Parse(host), port);
        Port = FreePort();
        Restore();
    }

    public int Port { get; }

    /// <summary>Drops every open connection and refuses new ones, like a database that went away.</summary>
    public void Cut()
    {
        lock (_open)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                client.Close();
            }

            _open.Clear();
        }
    }

    /// <summary>Accepts connections again.</summary>
    public void Restore()
    {
        lock (_open)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_disposed.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(_disposed.Token);
            }
            catch (Exception)
            {
                return; // Cut or disposed.
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_target, _disposed.Token);
            }
            catch (Exception)
            {
                inbound.Close();
                outbound.Close();
                continue;
            }

            lock (_open)
            {
                if (_listener != listener)
                {
                    inbound.Close();
                    outbound.Close();
                    return;
                }

                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = RelayAsync(inbound, outbound);
            _ = RelayAsync(outbound, inbound);
        }
    }

    private async Task RelayAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _disposed.Token);
        }
        catch (Exception)
        {
            // Either side closed or the proxy was cut.
        }
        finally
        {
            from.Close();
            to.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        Cut();
        _disposed.Dispose();
        return ValueTask.CompletedTask;
    }
}
