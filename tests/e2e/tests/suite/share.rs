//! Sharing into WeChat (issue 12): the share dialog's QR code is an `<img>` (WeChat's long press
//! recognises and saves images only), and the address it encodes — the one shown and copied —
//! is the view's own, without the parameters WeChat appends to a shared link
//! (`from=singlemessage&isappinstalled=0`).

use crate::harness::{seed_ids, serve, SERIAL};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);

#[tokio::test]
async fn a_link_opened_from_wechat_shares_without_wechats_parameters() {
    let _serial = SERIAL.lock().await;
    let site = serve("/portal/plans/");
    let plan = seed_ids().into_iter().next().unwrap();
    let base = site.url();
    in_browser!(PHONE, |b| {
        for (view, kept) in [
            // The plan id stays in the address whether the page is `?plan=<id>` or its static file.
            (
                format!("?plan={plan}&from=singlemessage&isappinstalled=0"),
                plan.clone(),
            ),
            (
                "?view=search&q=%E5%AD%A6%E5%89%8D&from=groupmessage&isappinstalled=0".to_owned(),
                "q=%E5%AD%A6%E5%89%8D".to_owned(),
            ),
        ] {
            let kept = kept.as_str();
            b.goto(&format!("{base}{view}")).await?;
            b.wait_ready().await?;
            let page = b.current_url().await?;
            b.click("#ps-share-button").await?;
            b.wait_for_qr().await?;
            let shown = b
                .js("return document.getElementById('ps-share-url').value;")
                .await?;
            let shown = shown.as_str().unwrap_or_default().to_owned();
            ensure!(
                !shown.contains("from=") && !shown.contains("isappinstalled"),
                "{view}: the shared address keeps WeChat's parameters: {shown}"
            );
            ensure!(
                shown.starts_with(&base) && shown.contains(kept),
                "{view}: the shared address {shown} is not this view ({page})"
            );
            let tag = b
                .js("return document.querySelector('dialog.ps-share[open] .ps-qr').tagName;")
                .await?;
            ensure!(tag == "IMG", "{view}: the QR code is a {tag}, not an image");
            let decoded = b.decode_qr().await?;
            ensure!(
                decoded == shown,
                "{view}: the QR code says {decoded}, the dialog {shown}"
            );
            b.screenshot("share-wechat-390").await?;
            // Open the shared address: the same view.
            b.goto(&shown).await?;
            b.wait_ready().await?;
            ensure!(
                b.current_url().await?.contains(kept),
                "{view}: the shared address opened another view"
            );
        }
        b.assert_no_console_errors(&[]).await
    });
}
