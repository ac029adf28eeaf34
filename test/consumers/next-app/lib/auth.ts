/** A stand-in for the app's own session lookup: the visitor named by the `user` cookie. */
export async function getUser(request: Request): Promise<{ id: string } | null> {
  const id = /(?:^|;\s*)user=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
  return id ? { id } : null;
}
