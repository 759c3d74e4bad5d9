// The emulator in a child process, so its memory and CPU stay out of the node's measurements.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface EmulatorProcess {
	baseUrl: string;
	stop(): Promise<void>;
}

export async function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
	const cli = join(__dirname, '..', 'test', 'emulator', 'cli.js');
	const child: ChildProcess = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
	const baseUrl = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /(http:\/\/\S+)/.exec(out);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
	});
	return {
		baseUrl,
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}
