using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Weft.Hosting.Tests.Support;

/// <summary>Connection strings that cannot work.</summary>
internal static class Unreachable
{
    /// <summary>The same server settings, but a port of 127.0.0.1 nobody listens on (it was free a moment ago).</summary>
    public static string PostgreSqlPort(string connectionString)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = port }.ConnectionString;
    }

    /// <summary>The same server and user with a password the server refuses.</summary>
    public static string WrongPassword(string connectionString)
        => new NpgsqlConnectionStringBuilder(connectionString) { Password = "not-the-password" }.ConnectionString;
}
