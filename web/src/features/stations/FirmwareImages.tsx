/** Firmware images: the ids the update command takes, and uploading a new one. */
import { type FormEvent, useState } from 'react';
import { ApiError, api, ok, upload } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

export function FirmwareImages() {
  const s = useStrings();
  const f = useFormat();
  const can = useCan();
  const images = useQuery(async () => (await ok(api.GET('/api/v1/firmware/images'))).items, []);
  const [file, setFile] = useState<File | null>(null);
  const [version, setVersion] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setError(null);
    // The image is the raw request body (application/octet-stream), named in the query.
    const p = new URLSearchParams({ version, fileName: file.name });
    try {
      await upload(`/api/v1/firmware/images?${p}`, file, 'application/octet-stream');
    } catch (err) {
      setError(err as ApiError);
      return;
    }
    setFile(null);
    setVersion('');
    images.reload();
  }

  return (
    <>
      <h3>{s.stations.firmwareImages}</h3>
      <Loaded query={images}>
        {(items) => (
          <table className="data">
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>{i.version}</td>
                  <td className="mono">{i.id}</td>
                  <td>{i.fileName ?? ''}</td>
                  <td>{f.date(i.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      {can('firmware:write') && (
        <form className="filters" onSubmit={submit}>
          <label className="field">
            <span>{s.stations.firmwareVersion}</span>
            <input required value={version} onChange={(e) => setVersion(e.target.value)} />
          </label>
          <label className="field">
            <span>{s.stations.firmwareFile}</span>
            <input type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <button type="submit">{s.stations.upload}</button>
        </form>
      )}
      {error && <ErrorMessage error={error} />}
    </>
  );
}
