// Every timer the emulator starts goes through here so stop() can cancel them all.
export class Timers {
	private readonly handles = new Set<NodeJS.Timeout>();

	after(ms: number, fn: () => void): NodeJS.Timeout {
		const handle = setTimeout(() => {
			this.handles.delete(handle);
			fn();
		}, Math.max(0, ms));
		this.handles.add(handle);
		return handle;
	}

	cancel(handle: NodeJS.Timeout | undefined): void {
		if (!handle) return;
		clearTimeout(handle);
		this.handles.delete(handle);
	}

	cancelAll(): void {
		for (const handle of this.handles) clearTimeout(handle);
		this.handles.clear();
	}
}
