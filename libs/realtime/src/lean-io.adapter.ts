import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { defer, filter, type Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { coalesceWrites } from './write-coalescing.js';

/**
 * Socket.IO with each gateway message handler bound by one plain listener per socket. Nest's IoAdapter
 * builds an rxjs pipeline per handler per socket, about 30 KB of heap for each agent socket with the
 * gateway's handlers: at ten thousand sockets that is 300 MB that every full garbage collection marks,
 * several times during each broadcast. Handlers behave as with IoAdapter: the result answers the
 * acknowledgement, or is emitted when it names an event; a failure is logged and the listener stays.
 * Each connection's frames of one event-loop turn leave in one write (see write-coalescing.ts).
 */
export class LeanIoAdapter extends IoAdapter {
  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    coalesceWrites(server.engine);
    return server;
  }

  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // As rxjs fromEvent hands listener arguments to IoAdapter: one as itself, several as an array.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        defer(() => transform(callback(data, ack)))
          .pipe(filter((response) => response !== null && response !== undefined))
          .subscribe({
            next: (response) => {
              const reply = response as { event?: string; data?: unknown };
              if (reply.event) socket.emit(reply.event, reply.data);
              else if (!isAckHandledManually && typeof ack === 'function') ack(response);
            },
            error: (error: unknown) => this.logger.error(error),
          });
      });
    }
  }
}
