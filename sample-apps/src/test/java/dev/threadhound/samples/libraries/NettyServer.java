package dev.threadhound.samples.libraries;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An echo server on Netty's NIO transport whose worker group of 16 event loops starts a loop each time a new
 * connection arrives, one every 250 ms: healthy, a control that must stay quiet (one pool filling up to its size, not a
 * pile-up). {@code --group-per-call}: the misuse instead, a client that makes an event loop group for each call,
 * connects, closes the connection and never shuts the group down: every call leaves a loop's thread behind.
 */
public final class NettyServer {

    private static final int LOOPS = 16;
    private static final int CALLS = 30;

    private NettyServer() {
    }

    public static void main(String[] args) throws Exception {
        boolean groupPerCall = args.length > 0 && args[0].equals("--group-per-call");
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(LOOPS);
        Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Echo());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        List<Socket> clients = new ArrayList<>();
        for (int call = 0; call < (groupPerCall ? CALLS : LOOPS); call++) {
            if (groupPerCall) {
                call(port);
            } else {
                clients.add(echoOnce(port));
            }
            Thread.sleep(groupPerCall ? 150 : 250);
        }
        // the server stays up with its connections open: every loop waits for events
        Thread.sleep(5_000);
        for (Socket client : clients) {
            client.close();
        }
        server.close().sync();
        // no quiet period: Netty's default one (2 s, twice over) would have main wait as long as the stuckAfter the
        // test runs with, a real wait the agent rightly reports
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        System.out.println("netty-server: " + (groupPerCall ? CALLS + " calls" : LOOPS + " connections") + "; done");
        // with --group-per-call the groups' threads are not daemons: only an exit ends this process
        System.exit(0);
    }

    private static Socket echoOnce(int port) throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(42);
        out.flush();
        if (in.read() != 42) {
            throw new IllegalStateException("no echo");
        }
        return socket;
    }

    /** The misuse: a group made for one call and never shut down. */
    private static void call(int port) throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(1);
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).connect("127.0.0.1", port).sync().channel();
        channel.close().sync();
    }

    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }
}
