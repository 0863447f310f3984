/**
 * Why a file named by the configuration could not be used, in words an operator can act on: a
 * container user that cannot read a key written for another user needs a different fix from a
 * path that does not exist.
 */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return `permission denied to this process (uid ${process.getuid?.() ?? 'unknown'})`;
    case 'EISDIR':
      return 'it is a directory';
    case 'EEXIST':
      return 'a file of that name is in the way';
    case 'ENOTDIR':
      return 'a part of its path is not a directory';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return code ?? 'unknown error';
  }
}
