//! The 打开规划 page (`?view=open`, issue 14): choose a file, drop one, or paste text; a Web Worker
//! (`crates/planscope-worker`: `planscope-ingest` + the parser in wasm, the CLI's code path)
//! parses it while this page stays responsive, shows its progress and can cancel it
//! (`terminate`); the finished plan is stored on this device (`crate::local`) and opens in the
//! reader. Only this page starts the worker, so only it downloads the parser.
//!
//! Nothing half-done is kept: the worker sends a plan only when the whole job is done, and the
//! page stores it (both values in one transaction) only then; an error or a cancel stores
//! nothing. Messages are the worker's (zh-CN, naming the file and what to do).

use leptos::prelude::*;

use super::common::{use_title, ReadyMarker};
use crate::local_view::outline_zh;
use crate::route::Route;

/// Where the page is.
// Natively (the static build) the page is only drawn, never run.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
enum State {
    Idle,
    /// The worker's label and share done (0–1) for this file.
    Running {
        file: String,
        label: String,
        done: f64,
    },
    Failed(String),
    Cancelled,
    /// Stored: device key, file, title, outline counts, parse time in the worker (ms).
    Done {
        key: String,
        file: String,
        title: String,
        counts: Vec<u32>,
        ms: f64,
    },
}

/// The page.
#[component]
pub fn OpenPage() -> impl IntoView {
    use_title(Some("打开规划".to_owned()));
    let state = RwSignal::new(State::Idle);
    let paste = RwSignal::new(String::new());
    #[cfg(target_arch = "wasm32")]
    let parser = worker::Parser::new(state);
    #[cfg(target_arch = "wasm32")]
    let (open_file, cancel, parse_text) = (
        move |f: web_sys::File| parser.open_file(f),
        move || parser.cancel(),
        move |t: String| parser.open_text(t),
    );
    #[cfg(not(target_arch = "wasm32"))]
    let (cancel, parse_text) = (|| {}, |_: String| {});
    let on_change = move |_ev: leptos::ev::Event| {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let input = _ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(f) = input
                .as_ref()
                .and_then(|i| i.files())
                .and_then(|l| l.get(0))
            {
                open_file(f);
            }
            if let Some(i) = input {
                // choosing the same file again must fire `change` again
                i.set_value("");
            }
        }
    };
    let over = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        #[cfg(target_arch = "wasm32")]
        if let Some(f) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            open_file(f);
        }
    };
    let running = move || matches!(state.get(), State::Running { .. });
    let status = move || {
        match state.get() {
        State::Idle => None,
        State::Running { file, label, done } => Some(
            view! {
                <div class="ps-open__progress" id="ps-open-progress" role="status">
                    <p>{format!("「{file}」：{label}")}</p>
                    <progress max="1" value=done>{format!("{:.0}%", done * 100.0)}</progress>
                    <button type="button" class="ps-button ps-button--secondary" id="ps-open-cancel"
                        on:click=move |_| cancel()>"取消"</button>
                </div>
            }
            .into_any(),
        ),
        State::Failed(msg) => Some(
            view! { <p class="ps-status ps-status--error" id="ps-open-error" role="alert">{msg}</p> }
                .into_any(),
        ),
        State::Cancelled => Some(
            view! { <p class="ps-status" id="ps-open-cancelled" role="status">"已取消，没有保存任何内容。"</p> }
                .into_any(),
        ),
        State::Done {
            key,
            file,
            title,
            counts,
            ms,
        } => {
            let outline = outline_zh(&counts);
            let data_counts = counts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(",");
            Some(
                view! {
                    <section class="ps-open__result" id="ps-open-result" role="status"
                        data-key=key.clone() data-outline=data_counts data-ms=format!("{ms:.0}")>
                        <p>{format!("已打开「{file}」，并保存在本机：")}</p>
                        <p class="ps-open__title">
                            <a class="ps-open__read" href=Route::plan(&key).href()>
                                {crate::format::display_title(&title)}
                            </a>
                        </p>
                        <p>{format!("{outline}；解析用时 {ms:.0} 毫秒。")}</p>
                        <p class="ps-note">
                            "本机打开的规划列在" <a href=Route::Library.href()>"规划库"</a>
                            "中，可以导出或删除；它只保存在这个浏览器里，链接不能发给别人。"
                        </p>
                    </section>
                }
                .into_any(),
            )
        }
    }
    };
    view! {
        <section class="ps-open">
            <h1 class="ps-title">"打开规划"</h1>
            <p class="ps-lead">
                "选择或拖入一份教育规划文件——纯文本（.txt）、网页（.html、.mhtml）或 Word 文档（.docx）——"
                "或粘贴全文，即可生成目录、指标和目标。文件只在本机浏览器中处理和保存，不会上传。"
            </p>
            <label class="ps-drop" class:ps-drop--over=move || over.get() for="ps-open-file"
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); over.set(true); }
                on:dragleave=move |_| over.set(false)
                on:drop=on_drop>
                <span class="ps-drop__text">"点按选择文件，或把文件拖到这里"</span>
                <input class="ps-drop__input" id="ps-open-file" type="file"
                    accept=".txt,.text,.html,.htm,.mhtml,.mht,.docx,text/plain,text/html"
                    prop:disabled=running on:change=on_change />
            </label>
            <form class="ps-open__paste" on:submit=move |ev| {
                ev.prevent_default();
                parse_text(paste.get_untracked());
            }>
                <label class="ps-dialog__label" for="ps-open-text">"或粘贴规划全文"</label>
                <textarea class="ps-open__text" id="ps-open-text" rows="6"
                    prop:value=move || paste.get()
                    on:input=move |ev| paste.set(event_target_value(&ev))></textarea>
                <button type="submit" class="ps-button" id="ps-open-paste" prop:disabled=running>"整理粘贴的文字"</button>
            </form>
            {status}
            <ReadyMarker />
        </section>
    }
}

#[cfg(target_arch = "wasm32")]
mod worker {
    //! The worker and its messages (see `crates/planscope-worker` for the protocol).
    use super::State;
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{MessageEvent, Worker};

    /// The worker's loader shim beside the page: the content-hashed name the page's loader tag
    /// gives in `data-worker` (`planscope-site`), or trunk's own name under `trunk serve`.
    fn worker_url() -> String {
        planscope_view::loader::worker_src(crate::dom::loader_attr("data-worker").as_deref())
    }
    /// The name of pasted text (a `.txt`, so it is read as plain text).
    const PASTED: &str = "粘贴的文字.txt";

    struct Live {
        worker: Worker,
        _on_message: Closure<dyn FnMut(MessageEvent)>,
        _on_error: Closure<dyn FnMut(web_sys::Event)>,
    }

    /// A file waiting for the worker: the message and the buffer to transfer.
    type Job = (Object, js_sys::ArrayBuffer);

    #[derive(Clone, Copy)]
    pub struct Parser {
        state: RwSignal<State>,
        live: StoredValue<Option<Live>, LocalStorage>,
        /// Whether the worker has said `ready` (its wasm has started and listens). A message
        /// posted before is lost — the worker's script returns while its wasm still compiles,
        /// and the browser then dispatches to no listener — so a job waits here until then.
        ready: StoredValue<bool>,
        pending: StoredValue<Option<Job>, LocalStorage>,
    }

    fn get(o: &JsValue, k: &str) -> JsValue {
        Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
    }

    impl Parser {
        /// Starts the worker at once (the parser downloads while the reader chooses a file) and
        /// stops it when the page goes.
        pub fn new(state: RwSignal<State>) -> Parser {
            let p = Parser {
                state,
                live: StoredValue::new_local(None),
                ready: StoredValue::new(false),
                pending: StoredValue::new_local(None),
            };
            p.start();
            on_cleanup(move || p.stop());
            p
        }

        fn start(self) {
            let Ok(worker) = Worker::new(&worker_url()) else {
                self.fail("无法启动解析程序。请刷新页面重试。");
                return;
            };
            let state = self.state;
            self.ready.set_value(false);
            let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
                let d = ev.data();
                if get(&d, "kind").as_string().as_deref() == Some("ready") {
                    self.ready.set_value(true);
                    if let Some(job) = self.pending.try_update_value(Option::take).flatten() {
                        self.send(job);
                    }
                    return;
                }
                let file = match state.get_untracked() {
                    State::Running { file, .. } => file,
                    _ => return, // a message of a job already cancelled or finished
                };
                match get(&d, "kind").as_string().as_deref() {
                    Some("progress") => state.set(State::Running {
                        file,
                        label: get(&d, "label").as_string().unwrap_or_default(),
                        done: get(&d, "done").as_f64().unwrap_or(0.0),
                    }),
                    Some("error") => state.set(State::Failed(
                        get(&d, "message").as_string().unwrap_or_default(),
                    )),
                    Some("done") => {
                        let key = get(&d, "key").as_string().unwrap_or_default();
                        let meta = get(&d, "meta").as_string().unwrap_or_default();
                        let doc = get(&d, "doc");
                        let ms = get(&d, "ms").as_f64().unwrap_or(0.0);
                        spawn_local(async move {
                            let next = match crate::local_view::read_meta(&key, &meta) {
                                Err((_, msg)) => State::Failed(msg),
                                Ok(m) => match crate::local::put(&key, &meta, &doc).await {
                                    Ok(()) => State::Done {
                                        key,
                                        file,
                                        title: m.title,
                                        counts: m.outline_counts,
                                        ms,
                                    },
                                    Err(e) => State::Failed(format!(
                                        "「{file}」已整理好，但无法保存到本机：{}",
                                        e.message_zh()
                                    )),
                                },
                            };
                            let _ = state.try_set(next);
                        });
                    }
                    _ => {}
                }
            });
            let url = worker_url();
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                ev.prevent_default();
                let started = self.ready.get_value();
                let url = url.clone();
                spawn_local(async move {
                    // A worker that never started whose file answers 404: a page of an earlier
                    // release naming a worker a newer one replaced (content-hashed). The page
                    // reloads once, or says so, as for data files (`dom::missing`).
                    if !started {
                        if let Some(replaced) = crate::dom::missing(&url).await {
                            if let Some(e) = replaced {
                                let _ = state.try_set(State::Failed(e.message_zh()));
                            }
                            return;
                        }
                    }
                    let _ = state.try_set(State::Failed(
                        "解析程序出错或无法下载，没有保存任何内容。请检查网络后刷新页面重试。"
                            .to_owned(),
                    ));
                });
            });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            self.live.set_value(Some(Live {
                worker,
                _on_message: on_message,
                _on_error: on_error,
            }));
        }

        fn stop(self) {
            self.pending.set_value(None);
            self.live.update_value(|l| {
                if let Some(l) = l.take() {
                    l.worker.terminate();
                }
            });
        }

        fn fail(self, msg: &str) {
            self.state.set(State::Failed(msg.to_owned()));
        }

        /// Stops the job: the worker is terminated (a new one starts for the next file).
        pub fn cancel(self) {
            self.stop();
            self.state.set(State::Cancelled);
            self.start();
        }

        fn post(self, file: String, buffer: js_sys::ArrayBuffer) {
            if self.live.with_value(Option::is_none) {
                self.start();
            }
            let msg = Object::new();
            let _ = Reflect::set(&msg, &"name".into(), &JsValue::from_str(&file));
            let _ = Reflect::set(&msg, &"bytes".into(), &Uint8Array::new(&buffer));
            let _ = Reflect::set(&msg, &"now".into(), &js_sys::Date::now().into());
            self.state.set(State::Running {
                file,
                label: "正在读取文件…".to_owned(),
                done: 0.0,
            });
            if self.ready.get_value() {
                self.send((msg, buffer));
            } else {
                self.pending.set_value(Some((msg, buffer)));
            }
        }

        fn send(self, (msg, buffer): Job) {
            self.live.with_value(|l| {
                if let Some(l) = l {
                    // the bytes move to the worker (no copy)
                    let _ = l
                        .worker
                        .post_message_with_transfer(&msg, &Array::of1(&buffer));
                }
            });
        }

        pub fn open_file(self, file: web_sys::File) {
            let name = file.name();
            self.state.set(State::Running {
                file: name.clone(),
                label: "正在读取文件…".to_owned(),
                done: 0.0,
            });
            spawn_local(async move {
                match JsFuture::from(file.array_buffer()).await {
                    Ok(buf) => self.post(name, buf.unchecked_into()),
                    Err(_) => self.fail(&format!(
                        "无法读取「{name}」。请确认文件还在原处、没有被其他程序占用，再重新选择。"
                    )),
                }
            });
        }

        pub fn open_text(self, text: String) {
            if text.trim().is_empty() {
                self.fail("没有粘贴任何文字。请先把规划全文复制到上面的输入框。");
                return;
            }
            let bytes = Uint8Array::from(text.as_bytes());
            self.post(PASTED.to_owned(), bytes.buffer());
        }
    }
}
