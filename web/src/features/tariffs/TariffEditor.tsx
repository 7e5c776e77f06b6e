/**
 * The tariff editor: elements of price components and restrictions (or the raw OCPI JSON),
 * with the price of an example session beside it, updated as you type. Saving a changed tariff
 * makes a new version; sessions already running keep the prices they started with.
 */
import { type FormEvent, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api, ApiError, ok } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage, Loaded, Loading, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { AssignTariff } from './AssignTariff.tsx';
import { ElementEditor } from './ElementEditor.tsx';
import { blankElement, blankTariff, bodyOf, type TariffBody } from './model.ts';
import { PricePreview } from './PricePreview.tsx';

export function TariffEditor() {
  const id = useParams().id;
  const f = useFormat();
  const isNew = !id || id === 'new';
  const saved = useQuery(async () => (isNew ? blankTariff(f.settings.currency) : bodyOf((await ok(api.GET('/api/v1/tariffs/{id}', { params: { path: { id } } }))) as never)), [id]);
  // The form starts from what was loaded for this address, never from the previous one's.
  if (saved.loading) return <Loading />;
  return <Loaded query={saved}>{(body) => <Editor key={id ?? 'new'} id={isNew ? null : (id as string)} initial={body} />}</Loaded>;
}

function Editor({ id, initial }: { id: string | null; initial: TariffBody }) {
  const s = useStrings();
  const t = s.tariffs;
  const can = useCan();
  const navigate = useNavigate();
  const [body, setBody] = useState<TariffBody>(initial);
  const location = useLocation();
  const [json, setJson] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  // A new tariff, once created, is shown at its own address: the page says it was saved.
  const [saved, setSaved] = useState(Boolean((location.state as { saved?: boolean } | null)?.saved));
  const editable = can('billing:write');
  const edit = (next: TariffBody) => {
    setBody(next);
    setSaved(false);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const current = json === null ? body : (JSON.parse(json) as TariffBody);
      if (id) await ok(api.PUT('/api/v1/tariffs/{id}', { params: { path: { id } }, body: current }));
      else {
        const created = await ok(api.POST('/api/v1/tariffs', { body: current }));
        navigate(`/tariffs/${created.id}`, { replace: true, state: { saved: true } });
      }
      setSaved(true);
    } catch (err) {
      setError(err as Error);
    }
  }

  async function archive() {
    if (!id || !window.confirm(t.confirmArchive(body.name ?? ''))) return;
    try {
      await ok(api.DELETE('/api/v1/tariffs/{id}', { params: { path: { id } } }));
      navigate('/tariffs');
    } catch (err) {
      setError(err as Error);
    }
  }

  const toggleJson = () => {
    if (json === null) return setJson(JSON.stringify(body, null, 2));
    try {
      edit(JSON.parse(json) as TariffBody);
      setJson(null);
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <Page title={id ? body.name || t.untitled : t.create}>
      <div className="editor">
        <form onSubmit={save} aria-label={t.editor}>
          <fieldset className="panel" disabled={!editable}>
            <div className="filters">
              <label className="field">
                <span>{s.common.name}</span>
                <input name="tariff-name" required value={body.name ?? ''} onChange={(e) => edit({ ...body, name: e.target.value })} />
              </label>
              <label className="field">
                <span>{t.currency}</span>
                <input name="currency" required pattern="[A-Z]{3}" size={4} value={body.currency} onChange={(e) => edit({ ...body, currency: e.target.value.toUpperCase() })} />
              </label>
              <label className="check">
                <input type="checkbox" checked={body.default ?? false} onChange={(e) => edit({ ...body, default: e.target.checked })} />
                <span>{t.makeDefault}</span>
              </label>
              <label className="field">
                <span>{t.minPrice}</span>
                <input inputMode="decimal" size={8} value={body.min_price ? String(body.min_price.excl_vat) : ''} onChange={(e) => edit(withBound(body, 'min_price', e.target.value))} />
              </label>
              <label className="field">
                <span>{t.maxPrice}</span>
                <input inputMode="decimal" size={8} value={body.max_price ? String(body.max_price.excl_vat) : ''} onChange={(e) => edit(withBound(body, 'max_price', e.target.value))} />
              </label>
            </div>
            <button type="button" className="link" onClick={toggleJson}>
              {json === null ? t.editJson : t.editForm}
            </button>
          </fieldset>
          {json !== null ? (
            <textarea aria-label="JSON" value={json} onChange={(e) => setJson(e.target.value)} disabled={!editable} />
          ) : (
            <>
              {body.elements.map((el, i) => (
                <ElementEditor
                  key={i}
                  index={i}
                  element={el}
                  onChange={(next) => edit({ ...body, elements: body.elements.map((x, j) => (j === i ? next : x)) })}
                  {...(body.elements.length > 1 ? { onRemove: () => edit({ ...body, elements: body.elements.filter((_, j) => j !== i) }) } : {})}
                />
              ))}
              {editable && (
                <button type="button" onClick={() => edit({ ...body, elements: [...body.elements, blankElement()] })}>
                  + {t.element}
                </button>
              )}
            </>
          )}
          {error && <ErrorMessage error={error} />}
          {saved && (
            <p role="status" className="outcome ok">
              {t.saved}
            </p>
          )}
          {editable && (
            <div className="toolbar">
              <button type="submit" className="primary">
                {s.common.save}
              </button>
              {id && (
                <button type="button" className="danger-outline" onClick={archive}>
                  {t.archive}
                </button>
              )}
            </div>
          )}
        </form>
        <div>
          <PricePreview tariff={body} />
          {id && editable && <AssignTariff tariffId={id} />}
        </div>
      </div>
    </Page>
  );
}

function withBound(body: TariffBody, key: 'min_price' | 'max_price', value: string): TariffBody {
  const { [key]: _, ...rest } = body;
  return value.trim() === '' ? rest : { ...rest, [key]: { excl_vat: value.trim() } };
}
