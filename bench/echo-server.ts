/** The baseline: a bare `ws` server that sends every frame straight back. Prints its port. */
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, clientTracking: false, handleProtocols: (p) => [...p][0] ?? false });
wss.on('connection', (ws) => ws.on('message', (data) => ws.send(data)));
wss.on('listening', () => process.stdout.write(`port ${(wss.address() as { port: number }).port}\n`));
