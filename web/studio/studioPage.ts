import type Hls from 'hls.js';
import { session } from '../app/session';
import { act, errorBox, h, report, show, toast } from '../app/ui';
import { destinationKinds, ingestSource, layouts, studioApi, type Destination, type Layout, type Stream, type Studio } from './studioApi';

const stateWords: Record<string, string> = { OFFLINE: 'Offline', CONNECTING: 'Connecting', LIVE: 'Live', RECONNECTING: 'Reconnecting', FAILED: 'Failed' };

/** Slots each layout shows (the preview's boxes); the server lays out the same way (Scenes/SceneLayouts). */
const slotsOf: Record<Layout, number> = { SOLO: 1, SIDE_BY_SIDE: 2, GRID: 9, SPEAKER: 5 };

/**
 * One studio: the room's participants (drag them onto the stage, or use their "Add to the stage" button), the
 * stage in slot order with the layout, the banner and the logo, the destinations with their live health, go live /
 * end live, and the program's LL-HLS preview. Every stage or layout change is sent at once (setScene); the page
 * follows studioEvents and refreshes health every few seconds while live.
 */
export async function studioPage(studioId: string): Promise<() => void> {
  const error = errorBox();
  show(h('h1', {}, 'Studio'), h('p', { role: 'status' }, 'Loading the studio…'), error);
  let studio: Studio | null;
  try {
    studio = await studioApi.studio(studioId);
  } catch (e) {
    report(error, e);
    return () => undefined;
  }
  if (!studio) {
    show(h('h1', {}, 'Studio not found'), h('p', {}, 'This studio does not exist or is not yours. ', h('a', { href: '/studio', 'data-studio-link': true }, 'Back to your rooms')));
    return () => undefined;
  }
  const room = await studioApi.room(studio.roomId).catch(() => null);
  let streams: Stream[] = room?.streams ?? [];
  let stage = [...studio.stage];
  let layout: Layout = studio.layout;
  let disposed = false;
  let hls: Hls | null = null;

  // --- the page ---
  const liveBadge = h('span', { class: 'live-badge', 'data-testid': 'studio-live', 'data-live': 'false' }, 'Off air');
  const goLive = h('button', { type: 'button', class: 'accept' }, 'Go live');
  const endLive = h('button', { type: 'button', class: 'danger', hidden: true }, 'End live');
  const status = h('p', { role: 'status', 'aria-live': 'polite', class: 'muted', 'data-testid': 'studio-status' });
  const sources = h('ul', { class: 'sources', 'aria-label': 'Participants' });
  const slots = h('ol', { class: `slots layout-${layout}`, 'aria-label': 'Stage', 'data-testid': 'stage' });
  const stageZone = h('div', { class: 'stage-zone', 'data-testid': 'stage-zone' }, slots);
  const layoutSelect = h('select', { 'aria-label': 'Layout' }, ...layouts.map(([value, words]) => h('option', { value, selected: value === layout }, words)));
  const banner = h('input', { type: 'text', maxlength: 100, value: studio.title ?? '', placeholder: 'Shown along the bottom of the program' });
  const logo = h('input', { type: 'url', value: studio.logoUrl ?? '', placeholder: 'https://… (PNG or JPEG)' });
  const updateBanner = h('button', { type: 'button', class: 'secondary' }, 'Update banner');
  const destinations = h('ul', { class: 'destinations', 'aria-label': 'Destinations' });
  const kind = h('select', {}, ...destinationKinds.map(([value, words]) => h('option', { value }, words)));
  const serverUrl = h('input', { type: 'url', required: true, value: destinationKinds[0][2], placeholder: 'rtmp://…' });
  const streamKey = h('input', { type: 'password', required: true, autocomplete: 'off' });
  const addDestination = h('button', { type: 'submit' }, 'Add destination');
  const ingest = h('p', { class: 'muted', 'data-testid': 'ingest-url' });
  const program = h('video', { class: 'program', controls: true, playsinline: true, muted: true, 'aria-label': 'Program preview', hidden: true });
  program.muted = true;

  const label = (text: string, input: HTMLElement) => h('label', { class: 'field' }, h('span', {}, text), input);
  show(
    h('div', { class: 'room-head' },
      h('h1', {}, `Studio · ${room?.title ?? 'room'}`),
      h('p', { class: 'muted' }, liveBadge, ' · ', h('a', { href: `/rooms/${encodeURIComponent(studio.roomId)}` }, 'Open the room'))),
    h('div', { class: 'row', role: 'toolbar', 'aria-label': 'Program' }, goLive, endLive),
    status,
    error,
    h('div', { class: 'studio-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'participants-h' }, h('h2', { id: 'participants-h' }, 'Participants'), h('p', { class: 'muted' }, 'Drag someone onto the stage.'), sources, ingest),
      h('section', { class: 'card', 'aria-labelledby': 'stage-h' },
        h('h2', { id: 'stage-h' }, 'Stage'),
        label('Layout', layoutSelect),
        stageZone,
        label('Banner', banner),
        label('Logo URL', logo),
        h('div', { class: 'row' }, updateBanner),
        program),
      h('section', { class: 'card', 'aria-labelledby': 'destinations-h' },
        h('h2', { id: 'destinations-h' }, 'Destinations'),
        destinations,
        h('form', { class: 'destination-form', 'aria-label': 'Add a destination' },
          label('Platform', kind), label('Server URL', serverUrl), label('Stream key', streamKey), addDestination))),
  );

  // --- names ---
  const nameOf = (source: string): string => {
    if (source === ingestSource) {
      return 'External encoder';
    }
    const stream = streams.find((s) => s.sessionId === source);
    if (!stream) {
      return 'Someone who left';
    }
    const who = stream.user?.id === session.me?.id ? 'You' : (stream.user?.fullname || `@${stream.user?.username ?? '?'}`);
    return stream.category === 'screenshare' ? `${who} (screen)` : who;
  };

  // --- rendering ---
  const renderStatus = () => {
    const live = studio!.live;
    liveBadge.textContent = live ? 'On air' : 'Off air';
    liveBadge.dataset.live = String(live);
    goLive.hidden = live;
    endLive.hidden = !live;
    ingest.textContent = live && studio!.ingestUrl ? `External encoder (OBS, ffmpeg): push to ${studio!.ingestUrl}` : 'An external encoder can push to this studio once it is live.';
    status.textContent = live
      ? `Live since ${new Date(studio!.liveSince ?? Date.now()).toLocaleTimeString()} · ${studio!.destinations.filter((d) => d.state === 'LIVE').length} of ${studio!.destinations.length} destinations live`
      : 'Not live. Put people on the stage, add destinations, then go live.';
    void preview();
  };

  const renderSources = () => {
    const all: string[] = [...streams.map((s) => s.sessionId), ingestSource];
    sources.replaceChildren(
      ...all.map((source) => {
        const onStage = stage.includes(source);
        const stream = streams.find((s) => s.sessionId === source);
        const item = h('li', { class: `source${onStage ? ' on-stage' : ''}`, draggable: 'true', 'data-source': source },
          h('span', { class: 'name' }, nameOf(source)),
          stream ? h('span', { class: 'muted small' }, [stream.host, stream.publishing ? (stream.video ? 'camera on' : 'camera off') : 'not sending yet'].filter(Boolean).join(' · ')) : null,
          h('button', { type: 'button', class: 'small secondary', disabled: onStage, onclick: () => void changeStage([...stage, source]) }, onStage ? 'On stage' : `Add ${nameOf(source)} to the stage`));
        item.addEventListener('dragstart', (event) => {
          (event as DragEvent).dataTransfer?.setData('text/plain', source);
        });
        return item;
      }),
    );
    if (streams.length === 0) {
      sources.prepend(h('li', { class: 'empty' }, 'Nobody is publishing in the room yet.'));
    }
  };

  const renderStage = () => {
    slots.className = `slots layout-${layout}`;
    const shown = slotsOf[layout];
    slots.replaceChildren(
      ...stage.map((source, i) =>
        h('li', { class: `slot${i >= shown ? ' hidden-slot' : ''}`, 'data-source': source, 'data-slot': i },
          h('span', { class: 'name' }, nameOf(source)),
          i >= shown ? h('span', { class: 'muted small' }, 'not shown in this layout') : null,
          h('span', { class: 'slot-actions' },
            h('button', { type: 'button', class: 'small secondary', disabled: i === 0, onclick: () => void changeStage(move(stage, i, i - 1)) }, `Move ${nameOf(source)} earlier`),
            h('button', { type: 'button', class: 'small secondary', onclick: () => void changeStage(stage.filter((s) => s !== source)) }, `Remove ${nameOf(source)} from the stage`)))),
    );
    if (stage.length === 0) {
      slots.append(h('li', { class: 'empty' }, 'Drop participants here.'));
    }
    layoutSelect.value = layout;
    renderSources();
  };

  const renderDestinations = () => {
    destinations.replaceChildren(
      ...studio!.destinations.map((d: Destination) =>
        h('li', { class: 'destination', 'data-destination': d.id, 'data-state': d.state },
          h('span', { class: 'name' }, destinationKinds.find(([k]) => k === d.kind)?.[1] ?? d.kind),
          h('span', { class: 'muted small url' }, d.url),
          h('span', { class: `dest-state state-${d.state}`, 'data-testid': 'destination-state' }, stateWords[d.state] ?? d.state),
          h('span', { class: 'muted small' }, d.state === 'LIVE' ? `${Math.round(d.bitrateKbps)} kbit/s · ${d.droppedFrames} dropped · up ${Math.round(d.uptimeSeconds ?? 0)} s` : d.attempts > 1 ? `${d.attempts} attempts` : ''),
          h('button', { type: 'button', class: 'small danger', onclick: (e) => void act(e.currentTarget as HTMLButtonElement, error, async () => {
            await studioApi.removeDestination(studioId, d.id);
            await refresh();
          }) }, `Remove ${d.url}`)),
      ),
    );
    if (studio!.destinations.length === 0) {
      destinations.append(h('li', { class: 'empty' }, 'No destination yet: add YouTube, Twitch, Facebook or your own RTMP server.'));
    }
  };

  const renderAll = () => {
    renderStatus();
    renderStage();
    renderDestinations();
  };

  // --- actions ---
  // Scene changes go out one at a time, in order (a quick second drag must not be overtaken by the first); the page
  // shows the change at once and takes the server's scene back from the last answer (or the last good one on error).
  let sceneChain: Promise<unknown> = Promise.resolve();
  let pendingScenes = 0;
  const sendScene = (): Promise<void> => {
    const scene = { layout, stage: [...stage], title: banner.value.trim() || null, logoUrl: logo.value.trim() || null };
    pendingScenes++;
    const sent = sceneChain.then(async () => {
      try {
        studio = await studioApi.setScene(studioId, scene.layout, scene.stage, scene.title, scene.logoUrl);
      } finally {
        pendingScenes--;
      }
      if (pendingScenes === 0) {
        stage = [...studio.stage];
        layout = studio.layout;
        renderAll();
      }
    });
    sceneChain = sent.catch(() => undefined);
    return sent;
  };
  const changeStage = async (next: string[], nextLayout: Layout = layout) => {
    stage = next;
    layout = nextLayout;
    renderStage();
    error.hidden = true;
    try {
      await sendScene();
      toast('Scene updated');
    } catch (e) {
      stage = [...studio!.stage];
      layout = studio!.layout;
      renderStage();
      report(error, e);
    }
  };

  stageZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    stageZone.classList.add('drop-target');
  });
  stageZone.addEventListener('dragleave', () => stageZone.classList.remove('drop-target'));
  stageZone.addEventListener('drop', (event) => {
    event.preventDefault();
    stageZone.classList.remove('drop-target');
    const source = (event as DragEvent).dataTransfer?.getData('text/plain');
    if (!source) {
      return;
    }
    // Dropped on a slot: goes before it; elsewhere: at the end. Dragging a stage entry moves it.
    const target = (event.target as Element).closest?.('li.slot') as HTMLElement | null;
    const rest = stage.filter((s) => s !== source);
    const at = target?.dataset.source ? rest.indexOf(target.dataset.source) : -1;
    void changeStage(at < 0 ? [...rest, source] : [...rest.slice(0, at), source, ...rest.slice(at)]);
  });
  slots.addEventListener('dragstart', (event) => {
    const slot = (event.target as Element).closest?.('li.slot') as HTMLElement | null;
    if (slot?.dataset.source) {
      (event as DragEvent).dataTransfer?.setData('text/plain', slot.dataset.source);
    }
  });
  layoutSelect.addEventListener('change', () => void changeStage(stage, layoutSelect.value as Layout));
  updateBanner.addEventListener('click', () => void act(updateBanner, error, async () => {
    await sendScene();
    toast('Banner updated');
  }));
  kind.addEventListener('change', () => {
    serverUrl.value = destinationKinds.find(([k]) => k === kind.value)?.[2] ?? '';
  });
  addDestination.closest('form')!.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(addDestination, error, async () => {
      await studioApi.addDestination(studioId, kind.value as Destination['kind'], serverUrl.value.trim(), streamKey.value);
      streamKey.value = '';
      await refresh();
      toast('Destination added');
    });
  });
  goLive.addEventListener('click', () => void act(goLive, error, async () => {
    studio = await studioApi.goLive(studioId);
    renderAll();
  }));
  endLive.addEventListener('click', () => void act(endLive, error, async () => {
    studio = await studioApi.endLive(studioId);
    renderAll();
  }));

  // --- the program preview (LL-HLS, the p2m audience's view) ---
  let previewing: string | null = null;
  const preview = async () => {
    const url = studio?.live ? studio.hlsUrl : null;
    if (url === previewing) {
      return;
    }
    previewing = url;
    hls?.destroy();
    hls = null;
    program.hidden = !url;
    if (!url) {
      program.removeAttribute('src');
      return;
    }
    const { default: HlsPlayer } = await import('hls.js');
    if (HlsPlayer.isSupported()) {
      hls = new HlsPlayer({ lowLatencyMode: true, manifestLoadingMaxRetry: 30, manifestLoadingRetryDelay: 1000 });
      hls.loadSource(url);
      hls.attachMedia(program);
    } else {
      program.src = url;
    }
    void program.play().catch(() => undefined);
  };

  // --- keeping current ---
  const refresh = async () => {
    const [next, nextRoom] = await Promise.all([studioApi.studio(studioId), studioApi.room(studio!.roomId).catch(() => null)]);
    if (disposed || !next) {
      return;
    }
    studio = next;
    streams = nextRoom?.streams ?? streams;
    renderStatus();
    renderSources();
    renderDestinations();
  };
  const events = studioApi.events(studioId, (event) => {
    if (event.kind === 'DESTINATION_STATE' && event.state === 'FAILED') {
      toast('A destination failed: check its URL and key.');
    }
    void refresh().catch(() => undefined);
  }, () => undefined);
  const timer = window.setInterval(() => void refresh().catch(() => undefined), 3000);

  renderAll();
  return () => {
    disposed = true;
    events.unsubscribe();
    window.clearInterval(timer);
    hls?.destroy();
  };
}

function move<T>(items: T[], from: number, to: number): T[] {
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  copy.splice(Math.max(0, to), 0, item);
  return copy;
}
